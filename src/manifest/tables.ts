/**
 * The window tables of a loaded manifest, in typed arrays on SharedArrayBuffers: no per-window
 * objects, built once per load and shared (not copied) with every matching worker, so 100,000
 * secrets cost tens of MB once rather than per thread. Windows are bucketed by the top bits of
 * their hash (a counting sort, linear) behind a blocked Bloom filter (~16 bits per window, three
 * bits in one 32-bit word: one memory access per probe, about 0.3% false hits), so a text position
 * costs one probe whatever the manifest size. The key is needed only once, to unseal the
 * stored hashes at load.
 */
import { WINDOW } from "./keys.js";
import { type SealTables, unsealAll } from "./seal.js";

/** Typed-array tables of one manifest's windows. */
export interface WindowTables {
  /** Windows of entry e are base[e] .. base[e + 1] − 1 (none for short secrets). */
  base: Int32Array;
  h1: Uint32Array;
  /** Window numbers grouped by bucket (top bits of h1); bucket b is order[dir[b] .. dir[b + 1]). */
  order: Int32Array;
  dir: Uint32Array;
  dirShift: number;
  /** Blocked Bloom filter: word h >>> bitShift must hold bloomMask(h). */
  bitmap: Int32Array;
  bitShift: number;
}

function shared<T>(Ctor: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(4, bytes)));
}

/** Copies the entries' packed window hashes (base64 `w`, little-endian) into one array. */
function loadWindows(
  entries: { id: string; length: number; w?: string }[],
): Pick<WindowTables, "base" | "h1"> {
  const base = shared(Int32Array, 4 * (entries.length + 1));
  for (let e = 0; e < entries.length; e++) {
    const { length, w } = entries[e]!;
    base[e + 1] = base[e]! + (w ? length - WINDOW + 1 : 0);
  }
  const h1 = shared(Uint32Array, 4 * base[entries.length]!);
  const bytes = new Uint8Array(h1.buffer);
  const le = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  for (let e = 0; e < entries.length; e++) {
    const w = entries[e]!.w;
    if (!w) continue;
    const buf = Buffer.from(w, "base64");
    const n = base[e + 1]! - base[e]!;
    if (buf.length !== 4 * n) throw new Error(`entry "${entries[e]!.id}": window table has the wrong size`);
    if (le) bytes.set(buf, 4 * base[e]!);
    else for (let i = 0; i < n; i++) h1[base[e]! + i] = buf.readUInt32LE(4 * i);
  }
  return { base, h1 };
}

/** Builds the tables of a manifest's entries (packed sealed windows in `w`). */
export function buildTables(
  entries: { id: string; length: number; w?: string }[],
  seal: SealTables,
): WindowTables {
  const { base, h1 } = loadWindows(entries);
  unsealAll(seal, h1);
  return index(base, h1);
}

/** Builds the tables from window offsets per entry and the window hashes (copied to shared memory). */
export function tablesFrom(base: Int32Array, hashes: Uint32Array): WindowTables {
  const b = shared(Int32Array, 4 * base.length);
  b.set(base);
  // hashes already in shared memory and exactly sized: use them as they are
  let h1 = hashes;
  if (
    !(hashes.buffer instanceof SharedArrayBuffer) ||
    hashes.byteOffset ||
    hashes.length !== hashes.buffer.byteLength >> 2
  ) {
    h1 = shared(Uint32Array, 4 * hashes.length);
    h1.set(hashes);
  }
  return index(b, h1);
}

function index(base: Int32Array, h1: Uint32Array): WindowTables {
  const total = h1.length;
  const dirBits = Math.min(22, Math.max(4, Math.ceil(Math.log2(Math.max(1, total))) - 1));
  const bitBits = Math.min(26, dirBits + 6);
  const dirShift = 32 - dirBits;
  const bitShift = 32 - (bitBits - 5);
  const buckets = 1 << dirBits;
  const dir = shared(Uint32Array, 4 * (buckets + 1));
  const bitmap = shared(Int32Array, Math.max(4, (1 << bitBits) >>> 3));
  for (let w = 0; w < total; w++) {
    const h = h1[w]!;
    dir[h >>> dirShift]!++;
    bitmap[h >>> bitShift]! |= bloomMask(h);
  }
  // counts → running ends; placing backwards turns each end into its bucket's start
  for (let b = 1; b < buckets; b++) dir[b]! += dir[b - 1]!;
  dir[buckets] = total;
  const order = shared(Int32Array, 4 * total);
  for (let w = total - 1; w >= 0; w--) order[--dir[h1[w]! >>> dirShift]!] = w;
  return { base, h1, order, dir, dirShift, bitmap, bitShift };
}

/** The three bits of a hash in its filter word (from a remix, so they don't repeat the word index). */
export function bloomMask(h: number): number {
  const m = Math.imul(h, 0x2545f491);
  return (1 << (m >>> 27)) | (1 << ((m >>> 22) & 31)) | (1 << ((m >>> 17) & 31));
}
