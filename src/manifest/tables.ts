/**
 * The window tables of an opened manifest, in typed arrays on SharedArrayBuffers: no per-window
 * objects, built once per load and shared (not copied) with every matching worker. One 32-bit
 * record per window: its window number in the high bits and the low bits of its hash, grouped by
 * bucket (the hash's top bits) behind a blocked Bloom filter (three bits in one 32-bit word: one
 * memory access per probe), so a text position costs one probe whatever the manifest size, and
 * 1,000,000 secrets of 40 characters take about 140 MB. Past 8M windows the records are built
 * in place over the loaded hashes (a counting sort that follows permutation cycles), so a huge
 * manifest never holds two copies of them.
 */

/** Typed-array tables of one manifest's windows. */
export interface WindowTables {
  /** Windows of entry e are base[e] .. base[e + 1] − 1 (none for short secrets). */
  base: Int32Array;
  /** Records grouped by bucket: (window << lowBits) | (hash & lowMask); bucket b is recs[dir[b] .. dir[b + 1]). */
  recs: Uint32Array;
  dir: Uint32Array;
  dirShift: number;
  lowBits: number;
  /** Blocked Bloom filter: word h >>> bitShift must hold bloomMask(h). */
  bitmap: Int32Array;
  bitShift: number;
}

function shared<T>(Ctor: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(4, bytes)));
}

/**
 * Builds the tables from window offsets per entry and the unsealed window hashes, which must be
 * exactly sized and in shared memory: they are turned into the records in place.
 */
export function buildTables(
  base: Int32Array,
  hashes: Uint32Array,
  inPlaceFrom = IN_PLACE_FROM,
): WindowTables {
  const total = hashes.length;
  const dirBits = Math.min(22, Math.max(4, Math.ceil(Math.log2(Math.max(1, total))) - 1));
  const bitBits = Math.min(26, dirBits + 6);
  const dirShift = 32 - dirBits;
  const bitShift = 32 - (bitBits - 5);
  const windowBits = Math.max(1, Math.ceil(Math.log2(Math.max(2, total))));
  const lowBits = 32 - windowBits;
  const buckets = 1 << dirBits;
  const dir = shared(Uint32Array, 4 * (buckets + 1));
  const bitmap = shared(Int32Array, Math.max(4, (1 << bitBits) >>> 3));
  for (let w = 0; w < total; w++) {
    const h = hashes[w]!;
    dir[h >>> dirShift]!++;
    bitmap[h >>> bitShift]! |= bloomMask(h);
  }
  // counts → running ends; placing backwards turns each end into its bucket's start
  for (let b = 1; b < buckets; b++) dir[b]! += dir[b - 1]!;
  dir[buckets] = total;
  const recs = total < inPlaceFrom ? placeCopy(hashes, dir, dirShift, lowBits) : hashes;
  if (recs === hashes) placeInPlace(hashes, dir, dirShift, lowBits);
  const b = base.buffer instanceof SharedArrayBuffer ? base : shared(Int32Array, 4 * base.length);
  if (b !== base) b.set(base);
  return { base: b, recs, dir, dirShift, lowBits, bitmap, bitShift };
}

/** From this many windows (32 MB of them) the records are built in place, slower but in no extra memory. */
const IN_PLACE_FROM = 1 << 23;

/** The records in a new array: independent writes the CPU overlaps, fast for the usual sizes. */
function placeCopy(a: Uint32Array, dir: Uint32Array, dirShift: number, lowBits: number): Uint32Array {
  const recs = shared(Uint32Array, 4 * a.length);
  const lowMask = (1 << lowBits) - 1;
  for (let w = a.length - 1; w >= 0; w--) {
    const h = a[w]!;
    recs[--dir[h >>> dirShift]!] = ((w << lowBits) | (h & lowMask)) >>> 0;
  }
  return a.length ? recs : recs.subarray(0, 0);
}

/**
 * Moves every hash to a slot of its bucket as a record, following permutation cycles: the only
 * extra memory is one bit per slot (placed or not). Each slot is filled once; the one in hand is
 * always an original hash whose window number is the slot it came from.
 */
function placeInPlace(a: Uint32Array, dir: Uint32Array, dirShift: number, lowBits: number): void {
  const placed = new Uint8Array((a.length >>> 3) + 1);
  const lowMask = (1 << lowBits) - 1;
  for (let start = 0; start < a.length; start++) {
    if (placed[start >>> 3]! & (1 << (start & 7))) continue;
    let w = start;
    let h = a[start]!;
    for (;;) {
      const t = --dir[h >>> dirShift]!;
      const rec = ((w << lowBits) | (h & lowMask)) >>> 0;
      placed[t >>> 3]! |= 1 << (t & 7);
      if (t === start) {
        a[t] = rec;
        break;
      }
      const next = a[t]!;
      a[t] = rec;
      w = t;
      h = next;
    }
  }
}

/** The three bits of a hash in its filter word (from a remix, so they don't repeat the word index). */
export function bloomMask(h: number): number {
  const m = Math.imul(h, 0x2545f491);
  return (1 << (m >>> 27)) | (1 << ((m >>> 22) & 31)) | (1 << ((m >>> 17) & 31));
}

/** Calls `fn` with the window number of every record whose hash may be h (bucket and low bits agree). */
export function windowsOf(t: WindowTables, h: number, fn: (w: number) => void): void {
  const bucket = h >>> t.dirShift;
  const mask = (1 << t.lowBits) - 1;
  const low = h & mask;
  for (let j = t.dir[bucket]!; j < t.dir[bucket + 1]!; j++) {
    const rec = t.recs[j]!;
    if ((rec & mask) === low) fn(rec >>> t.lowBits);
  }
}

/** True when window w's hash may be h. */
export function holds(t: WindowTables, h: number, w: number): boolean {
  const bucket = h >>> t.dirShift;
  const want = ((w << t.lowBits) | (h & ((1 << t.lowBits) - 1))) >>> 0;
  for (let j = t.dir[bucket]!; j < t.dir[bucket + 1]!; j++) if (t.recs[j] === want) return true;
  return false;
}
