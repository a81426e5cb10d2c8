import { defineConfig } from "vitest/config";

// the scale-out suite at full size (test/scale/*.scale.ts), apart from the lean `npm test`
export default defineConfig({
  test: {
    include: ["test/scale/**/*.scale.ts"],
    setupFiles: ["test/setup-home.ts"],
    expect: { requireAssertions: true },
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
