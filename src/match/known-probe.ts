/**
 * Probing a block of window hashes against a filter bigger than the core's cache (8 MB at
 * 100,000 secrets): each probe is a cache miss, and so is each of the 4% that pass it (their
 * bucket's bounds, then its records). Done hash by hash, each miss waits for the one before;
 * here each step is one pass over the block of independent loads the CPU overlaps.
 */
import type { WindowTables } from "../manifest/tables.js";

/** The largest block (hashes) probed at once. */
export const PROBE_BLOCK = 1 << 12;

const passed = new Int32Array(PROBE_BLOCK);
const from = new Uint32Array(PROBE_BLOCK);
const to = new Uint32Array(PROBE_BLOCK);

/** True when the Bloom filter may hold h. */
function mayHold(bitmap: Int32Array, shift: number, h: number): boolean {
  const m = Math.imul(h, 0x2545f491);
  const mask = (1 << (m >>> 27)) | (1 << ((m >>> 22) & 31)) | (1 << ((m >>> 17) & 31));
  return (bitmap[h >>> shift]! & mask) === mask;
}

/**
 * The indexes k of hs[0, n) (n at most PROBE_BLOCK) whose hash passes the filter and has a
 * record in its bucket, ascending, in `out`; how many.
 */
export function probeBlock(t: WindowTables, hs: Int32Array, n: number, out: Int32Array): number {
  const { bitmap, bitShift, dir, dirShift, recs } = t;
  let m = 0;
  for (let k = 0; k < n; k++) if (mayHold(bitmap, bitShift, hs[k]!)) passed[m++] = k;
  for (let i = 0; i < m; i++) {
    const b = hs[passed[i]!]! >>> dirShift;
    from[i] = dir[b]!;
    to[i] = dir[b + 1]!;
  }
  const mask = (1 << t.lowBits) - 1;
  let found = 0;
  for (let i = 0; i < m; i++) {
    const low = hs[passed[i]!]! & mask;
    for (let j = from[i]!; j < to[i]!; j++)
      if ((recs[j]! & mask) === low) {
        out[found++] = passed[i]!;
        break;
      }
  }
  return found;
}
