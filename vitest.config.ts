import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // tests that need hundreds of MB run in `npm run test:hostile` (vitest.hostile.config.ts)
    exclude: ["**/node_modules/**", "test/**/*.heavy.test.ts"],
    setupFiles: ["test/setup-home.ts"],
    expect: { requireAssertions: true },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
