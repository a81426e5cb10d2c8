import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // hundreds of MB or minutes each: `npm run test:hostile` (vitest.hostile.config.ts)
    exclude: ["test/hostile/heavy/**", "**/node_modules/**"],
    setupFiles: ["test/setup-home.ts"],
    expect: { requireAssertions: true },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
