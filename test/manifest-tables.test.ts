/** The window tables, built in two passes (count, then place): every window found, a changed pass refused. */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../fixtures/prng.mjs";
import { buildTables, holds, TableBuilder, type WindowTables, windowsOf } from "../src/manifest/tables.js";

function hashes(n: number, seed: number): Uint32Array {
  const rand = mulberry32(seed);
  const a = new Uint32Array(new SharedArrayBuffer(4 * n));
  for (let i = 0; i < n; i++) a[i] = Math.floor(rand() * 2 ** 32) >>> 0;
  // a few equal hashes, as two secrets sharing a window give
  for (let i = 0; i + 7 < n; i += 97) a[i + 7] = a[i]!;
  return a;
}

function lookups(t: WindowTables, original: Uint32Array): number[][] {
  return Array.from(original, (h) => {
    const ws: number[] = [];
    windowsOf(t, h, (w) => ws.push(w));
    return ws.sort((x, y) => x - y);
  });
}

describe("window tables", () => {
  it.each([1, 50, 5000, 70_000])("%i windows: every window is found, in window order per bucket", (n) => {
    const a = hashes(n, n);
    const t = buildTables(Int32Array.from([0, n]), a);
    const found = lookups(t, a);
    expect(found.filter((ws, w) => !ws.includes(w))).toEqual([]);
    expect(Array.from(a).filter((h, w) => !holds(t, h, w))).toEqual([]);
    expect(holds(t, (a[0]! ^ 1) >>> 0, 0)).toBe(false);
    const windows = Array.from(t.recs, (r) => r >>> t.lowBits);
    const buckets = Array.from({ length: t.dir.length - 1 }, (_, b) => windows.slice(t.dir[b], t.dir[b + 1]));
    expect(buckets.filter((ws) => ws.some((w, i) => i > 0 && w < ws[i - 1]!))).toEqual([]);
    expect(new Set(windows).size).toBe(n);
  });

  it("refuses a second pass that does not see the hashes of the first (a file changed between reads)", () => {
    const a = hashes(500, 3);
    const t = new TableBuilder(a.length);
    t.countAll(a, a.length);
    const b = Uint32Array.from(a);
    b[250] = (b[250]! ^ 0x10000) >>> 0;
    t.placeAll(b.subarray(0, 100), 100);
    t.placeAll(b.subarray(100), 400);
    expect(t.finish(Int32Array.from([0, a.length]))).toBeUndefined();
    const more = new TableBuilder(2);
    more.countAll(Uint32Array.of(1), 1);
    expect([more.placeAll(Uint32Array.of(1), 1), more.placeAll(Uint32Array.of(2), 1)]).toEqual([true, false]);
  });
});
