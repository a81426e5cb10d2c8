/**
 * The known-secret matcher: finds every copy of every manifest secret in a text, exact or
 * partial, with exact edges. One pass over the text at every 4th position computes a keyed
 * 13-character window hash and probes a Bloom filter; only on a hit are buckets, HMAC checks and the
 * full fingerprint consulted, so the cost per byte stays flat from 1 to 100,000 secrets.
 * Encoded forms (base64, hex, url, json): the tables also hold needles, window hashes of each
 * secret's encoded forms (manifest/needles.ts), so the same pass finds where one may be, and only
 * the text around it is decoded (known-around.ts); a manifest without needles (format 2, or very
 * large) has decoded views of all text matched instead (index.ts). PEM blocks are compared by
 * their normalised body.
 */
import type { ByteCheck, ClearBytes } from "../content/file-range.js";
import type { Manifest } from "../manifest/index.js";
import { MIN_WINDOWED, WIN, WINDOW, windowHash } from "../manifest/keys.js";
import { holds, windowsOf } from "../manifest/tables.js";
import type { RawMatch } from "../types.js";
import { bytesCheckable, bytesClear, bytesHit } from "./known-bytes.js";
import { scanPem, scanShort } from "./known-exact.js";
import { buildIndex, entryOf, idOf, isExact, type KnownIndex, tierOf } from "./known-index.js";
import { nearNeedle, nearPiece } from "./known-near.js";

/** Where to decode around (flat [start, end) pairs), and how far around a place that is. */
export interface Near {
  ranges: number[];
  radius: number;
}

/** Runs of window positions already reported, per entry and alignment. */
type Seen = Map<string, [number, number][]>;

/**
 * The known matcher; minLength: its shortest findable copy (shorter decoded views are useless);
 * needles: every manifest has needles, so `find` with `near` finds where encoded copies may be.
 */
export interface KnownMatcher {
  minLength: number;
  needles: boolean;
  /** How far around a place in `near` an encoded copy may reach. */
  radius: number;
  /** Copies in text; `near` (when given) gets the ranges to decode around them (known-near.ts). */
  find(text: string, near?: Near): RawMatch[];
  /** Present when bytes can be cleared undecoded (known-bytes.ts): true when they hold no copy. */
  clearBytes?: ClearBytes;
  /** Present when raw bytes can be checked (at any manifest size): where a copy may be in them. */
  byteCheck?: ByteCheck;
}

/** Builds the known-secret matcher over one or more manifests (forms: plain and pem). */
export function knownMatcher(manifests: Manifest[]): KnownMatcher {
  const indexes = manifests.map((m) => buildIndex(m));
  let minLength = MIN_WINDOWED;
  let longest = 0;
  for (const ix of indexes) {
    for (const len of ix.short.keys()) minLength = Math.min(minLength, len);
    for (const len of ix.lengths) longest = Math.max(longest, len);
  }
  // ASCII secrets (and all their forms) are the same bytes in UTF-8 text, whatever else it holds
  const anyText = manifests.every((m) => m.ascii === true);
  const clearBytes: ClearBytes = (buf, n, ascii) =>
    indexes.every((ix) => bytesClear(ix, buf, n, ascii && !anyText));
  // the longest form: hex of a JSON form with every character \u-escaped
  const radius = Math.min(1 << 14, 12 * longest + WINDOW);
  const byteCheck: ByteCheck = {
    hit: (buf, from, n, ascii) => firstHit(indexes, buf, from, n, ascii && !anyText),
    reach: radius,
  };
  return {
    ...(bytesCheckable(indexes) && { clearBytes }),
    ...(bytesCheckable(indexes, false) && { byteCheck }),
    minLength,
    needles: indexes.every((ix) => ix.needles),
    radius,
    find(text: string, near?: Near): RawMatch[] {
      const out: RawMatch[] = [];
      for (const ix of indexes) {
        if (ix.recs.length && text.length >= MIN_WINDOWED) scanWindows(ix, text, out, near);
        if (ix.short.size) scanShort(ix, text, out);
        if (ix.pem.size && text.includes("-----BEGIN ")) scanPem(ix, text, out);
      }
      return out;
    },
  };
}

/** The first place in buf[from, n) where a copy of any manifest's secrets may be (bytesHit). */
function firstHit(indexes: KnownIndex[], buf: Uint8Array, from: number, n: number, ascii: boolean): number {
  let first = -1;
  for (const ix of indexes) {
    const h = bytesHit(ix, buf, from, first === -1 ? n : Math.min(n, first + WINDOW), ascii);
    if (h === -2) return -2;
    if (h !== -1) first = h;
  }
  return first;
}

/** The text's latin1 bytes (low byte of each UTF-16 unit, as `gram` packs), 16 zero bytes after. */
let scratch = Buffer.allocUnsafeSlow(1 << 16);
let words = new Uint32Array(scratch.buffer, 0, scratch.length >>> 2);

function textWords(text: string): Uint32Array {
  const need = text.length + 16;
  if (need > scratch.length) {
    scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(need)));
    words = new Uint32Array(scratch.buffer, 0, scratch.length >>> 2);
  }
  const n = scratch.write(text, 0, "latin1");
  scratch.fill(0, n, n + 16);
  return words;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** True when the Bloom filter may hold h. */
function mayHold(bitmap: Int32Array, shift: number, h: number): boolean {
  const m = Math.imul(h, 0x2545f491);
  const mask = (1 << (m >>> 27)) | (1 << ((m >>> 22) & 31)) | (1 << ((m >>> 17) & 31));
  return (bitmap[h >>> shift]! & mask) === mask;
}

/**
 * The hot loop: one aligned word read, one window hash and one filter probe per 4 characters.
 * A filter bigger than the core's cache is probed in a second pass over the stored hashes
 * (`hs`): the probes are then independent loads the CPU overlaps, not one cache miss at a time.
 */
function scanWindows(ix: KnownIndex, text: string, out: RawMatch[], near?: Near): void {
  if (!LITTLE_ENDIAN) {
    scanWindowsPortable(ix, text, out, near);
    return;
  }
  const w = textWords(text);
  const k = new Int32Array(WIN.buffer, WIN.byteOffset, 4);
  const k0 = k[0]!;
  const k1 = k[1]!;
  const k2 = k[2]!;
  const k3 = k[3]!;
  const { bitmap, bitShift: shift } = ix;
  const seen: Seen = new Map();
  const last = (text.length - WINDOW) >> 2;
  const hs = bitmap.length > 1 << 18 ? hashSpace(last + 1) : undefined;
  let a = w[0]! | 0;
  let b = w[1]! | 0;
  let c = w[2]! | 0;
  for (let j = 0; j <= last; j++) {
    const d = w[j + 3]! | 0;
    let h = Math.imul(a ^ k0, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h ^ b ^ k1, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h ^ c ^ k2, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h ^ (d & 255) ^ k3, 0x27d4eb2f);
    h ^= h >>> 15;
    if (hs) hs[j] = h;
    else if (mayHold(bitmap, shift, h)) hit(ix, text, j << 2, h >>> 0, seen, out, near);
    a = b;
    b = c;
    c = d;
  }
  if (hs)
    for (let j = 0; j <= last; j++)
      if (mayHold(bitmap, shift, hs[j]!)) hit(ix, text, j << 2, hs[j]! >>> 0, seen, out, near);
}

let hashes = new Int32Array(1 << 14);

function hashSpace(n: number): Int32Array {
  if (n > hashes.length) hashes = new Int32Array(2 ** Math.ceil(Math.log2(n)));
  return hashes;
}

/** The same loop from the string (big-endian machines). */
function scanWindowsPortable(ix: KnownIndex, text: string, out: RawMatch[], near?: Near): void {
  const seen: Seen = new Map();
  const bitmap = ix.bitmap;
  for (let i = 0; i + WINDOW <= text.length; i += 4) {
    const h = windowHash(text, i);
    if (mayHold(bitmap, ix.bitShift, h)) hit(ix, text, i, h, seen, out, near);
  }
}

/**
 * A bitmap hit at text position i: checks the bucket, then grows each true hit to its full piece;
 * a needle, or a window (an escaped copy keeps pieces of the secret as they are), goes to `near`.
 */
function hit(
  ix: KnownIndex,
  text: string,
  i: number,
  h: number,
  seen: Seen,
  out: RawMatch[],
  near?: Near,
): void {
  windowsOf(ix, h, (w) => {
    if (w === ix.needle) {
      if (near) nearNeedle(text, i, WINDOW, near.radius, near.ranges);
      return;
    }
    const e = entryOf(ix, w);
    const align = i - (w - ix.base[e]!);
    const runs = seen.get(`${e}:${align}`) ?? [];
    if (runs.some(([lo, hi]) => i >= lo && i <= hi)) return;
    const [lo, hi] = grow(ix, text, e, align, w - ix.base[e]!);
    // two windows or more: a true piece (one alone may be a 32-bit collision)
    if (near && hi > lo) nearPiece(text, align + lo, align + hi + WINDOW, near.radius, near.ranges);
    runs.push([align + lo, align + hi]);
    seen.set(`${e}:${align}`, runs);
    report(ix, text, e, align + lo, align + hi + WINDOW, out);
  });
}

/** Extends a matching window of entry e left and right while neighbouring windows match. */
function grow(ix: KnownIndex, text: string, e: number, align: number, k: number): [number, number] {
  const first = ix.base[e]!;
  const last = ix.base[e + 1]! - first - 1;
  let lo = k;
  while (lo > 0 && align + lo - 1 >= 0 && holds(ix, windowHash(text, align + lo - 1), first + lo - 1)) lo--;
  let hi = k;
  while (
    hi < last &&
    align + hi + 1 + WINDOW <= text.length &&
    holds(ix, windowHash(text, align + hi + 1), first + hi + 1)
  )
    hi++;
  return [lo, hi];
}

/** Reports the piece text[start, end) of entry e: exact when whole and its fingerprint agrees. */
function report(ix: KnownIndex, text: string, e: number, start: number, end: number, out: RawMatch[]): void {
  const len = ix.lengths[e]!;
  const piece = end - start;
  const value = text.slice(start, end);
  const base = {
    start,
    end,
    kind: "known" as const,
    secretId: idOf(ix, e),
    form: "plain",
    value,
    tier: tierOf(ix, e),
  };
  if (piece === len && isExact(ix, e, value)) {
    out.push({ ...base, match: "exact", coverage: 1 });
  } else if (piece >= MIN_WINDOWED && 2 * piece >= len) {
    out.push({ ...base, match: "partial", coverage: Math.min(piece, len - 1) / len });
  }
}
