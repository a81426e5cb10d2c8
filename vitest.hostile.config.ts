import { defineConfig } from "vitest/config";

/** `npm run test:hostile`: the hostile-input tests that need hundreds of MB (issue 16). */
export default defineConfig({
  test: {
    include: ["test/hostile/**/*.heavy.test.ts"],
    setupFiles: ["test/setup-home.ts"],
    expect: { requireAssertions: true },
    testTimeout: 900_000,
    hookTimeout: 60_000,
  },
});
