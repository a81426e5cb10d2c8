import { describe, expect, it } from "vitest";
import { mulberry32 } from "../fixtures/prng.mjs";
import { bloomMask, buildTables, windowsOf } from "../src/manifest/tables.js";
import { PROBE_BLOCK, probeBlock } from "../src/match/known-probe.js";

describe("probing a block of hashes against a big filter at once (known-probe.ts)", () => {
  it("passes exactly the hashes the filter may hold with a record in their bucket, in order", () => {
    const rand = mulberry32(12);
    const u32 = () => Math.floor(rand() * 2 ** 32) >>> 0;
    const stored = Uint32Array.from({ length: 600_000 }, u32);
    const t = buildTables(Int32Array.from([0, stored.length]), stored);
    expect(t.bitmap.length).toBeGreaterThan(1 << 18);
    const hs = new Int32Array(PROBE_BLOCK);
    for (let k = 0; k < hs.length; k++) hs[k] = k % 5 === 0 ? stored[(k * 7919) % stored.length]! : u32();
    const want: number[] = [];
    for (let k = 0; k < hs.length; k++) {
      const h = hs[k]!;
      let any = (t.bitmap[h >>> t.bitShift]! & bloomMask(h)) === bloomMask(h);
      if (!any) continue;
      any = false;
      windowsOf(t, hs[k]! >>> 0, () => {
        any = true;
      });
      if (any) want.push(k);
    }
    const out = new Int32Array(PROBE_BLOCK);
    const n = probeBlock(t, hs, hs.length, out);
    expect(want.length).toBeGreaterThan(PROBE_BLOCK / 5 - 1);
    expect(Array.from(out.subarray(0, n))).toEqual(want);
    expect(probeBlock(t, hs, 7, out)).toBe(want.filter((k) => k < 7).length);
  });
});
