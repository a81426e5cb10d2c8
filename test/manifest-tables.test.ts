/** The window tables: the same records whether built in a copy or in place (huge manifests). */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../fixtures/prng.mjs";
import { buildTables, holds, type WindowTables, windowsOf } from "../src/manifest/tables.js";

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
  it.each([1, 50, 5000, 70_000])("%i windows: copy and in-place builds agree, every window is found", (n) => {
    const a = hashes(n, n);
    const b = Uint32Array.from(a);
    const shared = new Uint32Array(new SharedArrayBuffer(4 * n));
    shared.set(b);
    const base = Int32Array.from([0, n]);
    const copy = buildTables(base, a);
    const inPlace = buildTables(base, shared, 0);
    expect(inPlace.recs).toBe(shared);
    const found = lookups(copy, b);
    expect(found).toEqual(lookups(inPlace, b));
    expect(found.filter((ws, w) => !ws.includes(w))).toEqual([]);
    expect(Array.from(b).filter((h, w) => !holds(inPlace, h, w))).toEqual([]);
    expect(holds(inPlace, (b[0]! ^ 1) >>> 0, 0)).toBe(false);
  });
});
