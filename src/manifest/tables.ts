/**
 * The window tables of a loaded manifest, in typed arrays on SharedArrayBuffers: no per-window
 * objects, built once per load and shared (not copied) with every matching worker, so 100,000
 * secrets cost tens of MB once rather than per thread. Windows are bucketed by the top bits of
 * their hash (a counting sort, linear) behind a bitmap of ~16 bits per window, so a text position
 * costs one bitmap probe whatever the manifest size. Nothing here needs the key: it only orders
 * the hashes the file already holds.
 */
import { WINDOW } from "./keys.js";

/** Typed-array tables of one manifest's windows. */
export interface WindowTables {
  /** Windows of entry e are base[e] .. base[e + 1] − 1 (none for short secrets). */
  base: Int32Array;
  h1: Uint32Array;
  h2: Uint32Array;
  /** Window numbers grouped by bucket (top bits of h1); bucket b is order[dir[b] .. dir[b + 1]). */
  order: Int32Array;
  dir: Uint32Array;
  dirShift: number;
  bitmap: Int32Array;
  bitShift: number;
}

function shared<T>(Ctor: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(4, bytes)));
}

/** Copies the entries' packed windows (base64 `w`) into h1/h2 arrays. */
function loadWindows(entries: { id: string; length: number; w?: string }[]): Pick<WindowTables, "base" | "h1" | "h2"> {
  const base = shared(Int32Array, 4 * (entries.length + 1));
  for (let e = 0; e < entries.length; e++) {
    const { length, w } = entries[e]!;
    base[e + 1] = base[e]! + (w ? length - WINDOW + 1 : 0);
  }
  const total = base[entries.length]!;
  const h1 = shared(Uint32Array, 4 * total);
  const h2 = shared(Uint32Array, 4 * total);
  for (let e = 0; e < entries.length; e++) {
    const w = entries[e]!.w;
    if (!w) continue;
    const buf = Buffer.from(w, "base64");
    const n = base[e + 1]! - base[e]!;
    if (buf.length !== 8 * n) throw new Error(`entry "${entries[e]!.id}": window table has the wrong size`);
    for (let i = 0; i < n; i++) {
      h1[base[e]! + i] = buf.readUInt32LE(4 * i);
      h2[base[e]! + i] = buf.readUInt32LE(4 * (n + i));
    }
  }
  return { base, h1, h2 };
}

/** Builds the tables of a manifest's entries. */
export function buildTables(entries: { id: string; length: number; w?: string }[]): WindowTables {
  const { base, h1, h2 } = loadWindows(entries);
  const total = h1.length;
  const dirBits = Math.min(22, Math.max(4, Math.ceil(Math.log2(Math.max(1, total))) - 1));
  const bitBits = Math.min(30, dirBits + 5);
  const dirShift = 32 - dirBits;
  const bitShift = 32 - bitBits;
  const dir = shared(Uint32Array, 4 * ((1 << dirBits) + 1));
  for (let w = 0; w < total; w++) dir[(h1[w]! >>> dirShift) + 1]!++;
  for (let b = 0; b < 1 << dirBits; b++) dir[b + 1]! += dir[b]!;
  const fill = dir.slice(0, 1 << dirBits);
  const order = shared(Int32Array, 4 * total);
  const bitmap = shared(Int32Array, Math.max(4, (1 << bitBits) >>> 3));
  for (let w = 0; w < total; w++) {
    const h = h1[w]!;
    order[fill[h >>> dirShift]!++] = w;
    const x = h >>> bitShift;
    bitmap[x >>> 5]! |= 1 << (x & 31);
  }
  return { base, h1, h2, order, dir, dirShift, bitmap, bitShift };
}
