import { defineConfig } from "vitest/config";

// `npm run test:hostile`: the tests that need hundreds of MB or minutes (issue 16), one file at a time
export default defineConfig({
  test: {
    include: ["test/hostile/heavy/**/*.test.ts"],
    setupFiles: ["test/setup-home.ts"],
    expect: { requireAssertions: true },
    fileParallelism: false,
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
  },
});
