/**
 * The in-memory index of one manifest: typed arrays only (no per-entry objects), so 100,000
 * secrets fit in a few tens of MB. Windows are bucketed by the top bits of their hash (a counting
 * sort, linear in the entry count) behind a bitmap with ~16 bits per window, so a text position
 * costs one bitmap probe whatever the manifest size.
 */
import { type Manifest, manifestKeys } from "../manifest/index.js";
import { type ManifestKeys, WINDOW } from "../manifest/keys.js";

/** Typed-array tables of one manifest. */
export interface KnownIndex {
  keys: ManifestKeys;
  ids: string[];
  tiers: string[];
  lengths: Int32Array;
  fps: string[];
  /** First window of entry e is base[e]; entries without windows have base[e] === base[e + 1]. */
  base: Int32Array;
  h1: Uint32Array;
  h2: Uint32Array;
  /** Window numbers grouped by bucket (top `dirBits` bits of h1); bucket b is dir[b]..dir[b+1]. */
  order: Int32Array;
  dir: Uint32Array;
  dirShift: number;
  bitmap: Int32Array;
  bitShift: number;
  /** Short secrets: length → hash → entry numbers. */
  short: Map<number, Map<number, number[]>>;
  /** PEM body fingerprint → entry numbers. */
  pem: Map<string, number[]>;
}

function log2ceil(n: number): number {
  return Math.max(0, Math.ceil(Math.log2(Math.max(1, n))));
}

/** Copies the entries' packed windows into h1/h2 arrays; returns base offsets. */
function loadWindows(m: Manifest): { base: Int32Array; h1: Uint32Array; h2: Uint32Array } {
  const base = new Int32Array(m.entries.length + 1);
  for (let e = 0; e < m.entries.length; e++) {
    const len = m.entries[e]!.length;
    base[e + 1] = base[e]! + (m.entries[e]!.w ? len - WINDOW + 1 : 0);
  }
  const total = base[m.entries.length]!;
  const h1 = new Uint32Array(total);
  const h2 = new Uint32Array(total);
  for (let e = 0; e < m.entries.length; e++) {
    const w = m.entries[e]!.w;
    if (!w) continue;
    const buf = Buffer.from(w, "base64");
    const n = base[e + 1]! - base[e]!;
    if (buf.length !== 8 * n) throw new Error(`entry "${m.entries[e]!.id}": window table has the wrong size`);
    for (let i = 0; i < n; i++) {
      h1[base[e]! + i] = buf.readUInt32LE(4 * i);
      h2[base[e]! + i] = buf.readUInt32LE(4 * (n + i));
    }
  }
  return { base, h1, h2 };
}

/** Builds the index of one manifest (throws ManifestError for a missing or wrong key). */
export function buildIndex(m: Manifest, key: string | undefined): KnownIndex {
  const keys = manifestKeys(m, key);
  const { base, h1, h2 } = loadWindows(m);
  const total = h1.length;
  const dirBits = Math.min(24, Math.max(4, log2ceil(total)));
  const bitBits = Math.min(30, dirBits + 4);
  const dirShift = 32 - dirBits;
  const bitShift = 32 - bitBits;
  const dir = new Uint32Array((1 << dirBits) + 1);
  for (let w = 0; w < total; w++) dir[(h1[w]! >>> dirShift) + 1]!++;
  for (let b = 0; b < 1 << dirBits; b++) dir[b + 1]! += dir[b]!;
  const fill = dir.slice(0, 1 << dirBits);
  const order = new Int32Array(total);
  const bitmap = new Int32Array(Math.max(1, (1 << bitBits) >>> 5));
  for (let w = 0; w < total; w++) {
    const h = h1[w]!;
    order[fill[h >>> dirShift]!++] = w;
    const x = h >>> bitShift;
    bitmap[x >>> 5]! |= 1 << (x & 31);
  }
  const short = new Map<number, Map<number, number[]>>();
  const pem = new Map<string, number[]>();
  m.entries.forEach((e, i) => {
    if (e.s !== undefined) {
      const byHash = short.get(e.length) ?? new Map<number, number[]>();
      short.set(e.length, byHash);
      byHash.set(e.s, [...(byHash.get(e.s) ?? []), i]);
    }
    if (e.pem) pem.set(e.pem, [...(pem.get(e.pem) ?? []), i]);
  });
  return {
    keys,
    ids: m.entries.map((e) => e.id),
    tiers: m.entries.map((e) => e.tier),
    lengths: Int32Array.from(m.entries, (e) => e.length),
    fps: m.entries.map((e) => e.fp),
    base,
    h1,
    h2,
    order,
    dir,
    dirShift,
    bitmap,
    bitShift,
    short,
    pem,
  };
}

/** The entry owning window w (binary search over base). */
export function entryOf(ix: KnownIndex, w: number): number {
  let lo = 0;
  let hi = ix.base.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ix.base[mid]! <= w) lo = mid;
    else hi = mid - 1;
  }
  // entries without windows share a base with the next one: skip to the one that owns w
  while (ix.base[lo + 1]! <= w) lo++;
  return lo;
}
