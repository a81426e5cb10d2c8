import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seal, sealTables, unseal, unsealAll } from "../src/manifest/seal.js";

describe("the sealing permutation (seal.ts)", () => {
  it("unseals arrays four at a time exactly as one at a time, and inverts seal", () => {
    const t = sealTables(randomBytes(32), "test");
    for (const n of [0, 1, 3, 4, 5, 8, 11, 1000]) {
      const plain = new Uint32Array(randomBytes(4 * n).buffer.slice(0));
      const sealed = plain.map((x) => seal(t, x));
      const one = sealed.map((y) => unseal(t, y));
      const all = sealed.slice();
      unsealAll(t, all);
      expect([...all], `n ${n}`).toEqual([...plain]);
      expect([...one], `n ${n}`).toEqual([...plain]);
    }
    // only the first n values are unsealed
    const v = new Uint32Array([seal(t, 7), seal(t, 9), 5]);
    unsealAll(t, v, 2);
    expect([...v]).toEqual([7, 9, 5]);
  });
});
