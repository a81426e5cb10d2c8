/**
 * The window tables of an opened manifest, in typed arrays on SharedArrayBuffers: no per-window
 * objects, built once per load and shared (not copied) with every matching worker. One 32-bit
 * record per window: its window number in the high bits and the low bits of its hash, grouped by
 * bucket (the hash's top bits) behind a blocked Bloom filter (three bits in one 32-bit word: one
 * memory access per probe), so a text position costs one probe whatever the manifest size.
 * They are built in two passes over the hashes (TableBuilder: count per bucket, then place), so
 * the hashes are never held beside the records: 1,000,000 secrets of 40 characters take about
 * 140 MB, and placing is independent writes the CPU overlaps (an in-place permutation of 28M
 * records took 86 s: each step a cache miss that waited for the one before).
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
  /** The window number of needles (encoded-form hashes, needles.ts): they belong to no window. */
  needle: number;
}

function shared<T>(Ctor: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(4, bytes)));
}

/**
 * Builds the tables in two passes over the same hashes in the same order: `count` each, then
 * `place` each (window numbers 0, 1, 2... in that order), then `finish`. `expected` (the
 * header's window count) sizes the directory; the real count may differ (it only costs speed).
 */
export class TableBuilder {
  private readonly dir: Uint32Array;
  private readonly bitmap: Int32Array;
  private readonly dirShift: number;
  private readonly bitShift: number;
  private counted = 0;
  private placed = 0;
  private numbered = 0;
  // a running mix of the hashes of each pass: the second must see the very same hashes
  private countedMix = 0;
  private placedMix = 0;
  private recs?: Uint32Array;
  private lowBits = 32;

  constructor(expected: number) {
    const dirBits = Math.min(21, Math.max(4, Math.ceil(Math.log2(Math.max(1, expected))) - 1));
    const bitBits = Math.min(26, dirBits + 6);
    this.dirShift = 32 - dirBits;
    this.bitShift = 32 - (bitBits - 5);
    this.dir = shared(Uint32Array, 4 * ((1 << dirBits) + 1));
    this.bitmap = shared(Int32Array, Math.max(4, (1 << bitBits) >>> 3));
  }

  /** First pass: the first n hashes of a, the next windows in order. */
  countAll(a: Uint32Array, n: number): void {
    const { dir, bitmap, dirShift, bitShift } = this;
    let mix = this.countedMix;
    for (let i = 0; i < n; i++) {
      const h = a[i]!;
      dir[h >>> dirShift]!++;
      bitmap[h >>> bitShift]! |= bloomMask(h);
      mix = (mix + spread(h)) | 0;
    }
    this.countedMix = mix;
    this.counted += n;
  }

  /**
   * Second pass: the same hashes again (false when there are more than counted); windows are
   * numbered in the order placed, needles (`needles`) all get the needle number.
   */
  placeAll(a: Uint32Array, n: number, needles = false): boolean {
    if (!this.recs) this.startPlacing();
    if (this.placed + n > this.counted) return false;
    const { dir, dirShift, lowBits } = this;
    const recs = this.recs!;
    const lowMask = (1 << lowBits) - 1;
    const needle = 2 ** (32 - lowBits) - 1;
    let mix = this.placedMix;
    for (let i = 0; i < n; i++) {
      const h = a[i]!;
      const w = needles ? needle : this.numbered + i;
      recs[dir[h >>> dirShift]!++] = ((w << lowBits) | (h & lowMask)) >>> 0;
      mix = (mix + spread(h)) | 0;
    }
    this.placedMix = mix;
    this.placed += n;
    if (!needles) this.numbered += n;
    return true;
  }

  // counts → bucket starts; placing moves each start up to its bucket's end (finish shifts them back)
  private startPlacing(): void {
    const { dir } = this;
    const buckets = dir.length - 1;
    for (let b = 0, at = 0; b < buckets; b++) {
      const n = dir[b]!;
      dir[b] = at;
      at += n;
    }
    dir[buckets] = this.counted;
    // one window number more than needed: the highest is the needles'
    this.lowBits = 32 - Math.max(1, Math.ceil(Math.log2(this.counted + 2)));
    this.recs = shared(Uint32Array, 4 * this.counted);
  }

  /** The tables, given the window offsets per entry; undefined when the passes saw different hashes. */
  finish(base: Int32Array): WindowTables | undefined {
    if (!this.recs) this.startPlacing();
    if (this.placed !== this.counted || this.placedMix !== this.countedMix) return undefined;
    // each bucket's end is the next one's start: shift the ends up one bucket (records ascend by window)
    const { dir } = this;
    dir.copyWithin(1, 0, dir.length - 2);
    dir[0] = 0;
    const b = base.buffer instanceof SharedArrayBuffer ? base : shared(Int32Array, 4 * base.length);
    if (b !== base) b.set(base);
    const recs = this.counted ? this.recs! : this.recs!.subarray(0, 0);
    const { dirShift, lowBits, bitmap, bitShift } = this;
    return { base: b, recs, dir, dirShift, lowBits, bitmap, bitShift, needle: 2 ** (32 - lowBits) - 1 };
  }
}

/** The tables of hashes held in one array (small manifests, tests). */
export function buildTables(base: Int32Array, hashes: Uint32Array): WindowTables {
  const t = new TableBuilder(hashes.length);
  t.countAll(hashes, hashes.length);
  t.placeAll(hashes, hashes.length);
  return t.finish(base)!;
}

/** A hash remixed for the passes' checksum (a sum: the order of the hashes does not matter). */
function spread(h: number): number {
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b);
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
