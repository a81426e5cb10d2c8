import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/** `npm run test:hostile`: the hostile-input tests that need hundreds of MB (issue 16). */
export default mergeConfig(
  base,
  defineConfig({
    test: { include: ["test/hostile/**/*.heavy.test.ts"], exclude: [], testTimeout: 900_000 },
  }),
);
