/**
 * The known-secret matcher: finds every copy of every manifest secret in a text, exact or
 * partial, with exact edges. One pass over the text at every 4th position computes a keyed
 * 13-character window hash and probes a bitmap; only on a hit are buckets, HMAC checks and the
 * full fingerprint consulted, so the cost per byte stays flat from 1 to 100,000 secrets.
 * Decoded forms (base64, hex, url, json) are handled by running this over decoded views
 * (decode.ts, index.ts); PEM blocks are compared by their normalised body.
 */
import type { Manifest } from "../manifest/index.js";
import {
  fingerprint,
  MIN_WINDOWED,
  pemBody,
  shortHash,
  WINDOW,
  windowCheck,
  windowHash,
} from "../manifest/keys.js";
import type { RawMatch, TextMatcher } from "../types.js";
import { buildIndex, entryOf, type KnownIndex } from "./known-index.js";

/** Runs of window positions already reported, per entry and alignment. */
type Seen = Map<string, [number, number][]>;

/** Builds the known-secret matcher over one or more manifests (forms: plain and pem). */
export function knownMatcher(manifests: Manifest[], key?: string): TextMatcher {
  const indexes = manifests.map((m) => buildIndex(m, key));
  return {
    find(text: string): RawMatch[] {
      const out: RawMatch[] = [];
      for (const ix of indexes) {
        if (ix.h1.length && text.length >= MIN_WINDOWED) scanWindows(ix, text, out);
        if (ix.short.size) scanShort(ix, text, out);
        if (ix.pem.size && text.includes("-----BEGIN ")) scanPem(ix, text, out);
      }
      return out;
    },
  };
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

/** The hot loop: one aligned word read, one window hash and one bitmap probe per 4 characters. */
function scanWindows(ix: KnownIndex, text: string, out: RawMatch[]): void {
  if (!LITTLE_ENDIAN) return scanWindowsPortable(ix, text, out);
  const w = textWords(text);
  const k = ix.keys.win;
  const k0 = k[0]!;
  const k1 = k[1]!;
  const k2 = k[2]!;
  const k3 = k[3]!;
  const bitmap = ix.bitmap;
  const shift = ix.bitShift;
  let seen: Seen | undefined;
  const last = (text.length - WINDOW) >> 2;
  let a = w[0]!;
  let b = w[1]!;
  let c = w[2]!;
  for (let j = 0; j <= last; j++) {
    const d = w[j + 3]!;
    let h = Math.imul(a ^ k0, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h ^ b ^ k1, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h ^ c ^ k2, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h ^ (d & 255) ^ k3, 0x27d4eb2f);
    h ^= h >>> 15;
    const x = h >>> shift;
    if ((bitmap[x >>> 5]! & (1 << (x & 31))) !== 0) {
      seen ??= new Map();
      hit(ix, text, j << 2, h >>> 0, seen, out);
    }
    a = b;
    b = c;
    c = d;
  }
}

/** The same loop from the string (big-endian machines). */
function scanWindowsPortable(ix: KnownIndex, text: string, out: RawMatch[]): void {
  const seen: Seen = new Map();
  const bitmap = ix.bitmap;
  for (let i = 0; i + WINDOW <= text.length; i += 4) {
    const h = windowHash(text, i, ix.keys.win);
    const x = h >>> ix.bitShift;
    if ((bitmap[x >>> 5]! & (1 << (x & 31))) !== 0) hit(ix, text, i, h, seen, out);
  }
}

/** A bitmap hit at text position i: checks the bucket, then grows each true hit to its full piece. */
function hit(ix: KnownIndex, text: string, i: number, h: number, seen: Seen, out: RawMatch[]): void {
  const bucket = h >>> ix.dirShift;
  let check = -1;
  for (let j = ix.dir[bucket]!; j < ix.dir[bucket + 1]!; j++) {
    const w = ix.order[j]!;
    if (ix.h1[w] !== h) continue;
    if (check === -1) check = windowCheck(ix.keys, text, i);
    if (ix.h2[w] !== check) continue;
    const e = entryOf(ix, w);
    const align = i - (w - ix.base[e]!);
    const runs = seen.get(`${e}:${align}`) ?? [];
    if (runs.some(([lo, hi]) => i >= lo && i <= hi)) continue;
    const [lo, hi] = grow(ix, text, e, align, w - ix.base[e]!);
    runs.push([align + lo, align + hi]);
    seen.set(`${e}:${align}`, runs);
    report(ix, text, e, align + lo, align + hi + WINDOW, out);
  }
}

/** Extends a matching window of entry e left and right while neighbouring windows match. */
function grow(ix: KnownIndex, text: string, e: number, align: number, k: number): [number, number] {
  const first = ix.base[e]!;
  const last = ix.base[e + 1]! - first - 1;
  const win = ix.keys.win;
  let lo = k;
  while (lo > 0 && align + lo - 1 >= 0 && windowHash(text, align + lo - 1, win) === ix.h1[first + lo - 1])
    lo--;
  let hi = k;
  while (
    hi < last &&
    align + hi + 1 + WINDOW <= text.length &&
    windowHash(text, align + hi + 1, win) === ix.h1[first + hi + 1]
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
    secretId: ix.ids[e]!,
    form: "plain",
    value,
    tier: ix.tiers[e]!,
  };
  if (piece === len && fingerprint(ix.keys, value) === ix.fps[e]) {
    out.push({ ...base, match: "exact", coverage: 1 });
  } else if (piece >= MIN_WINDOWED && 2 * piece >= len) {
    out.push({ ...base, match: "partial", coverage: Math.min(piece, len - 1) / len });
  }
}

/** Secrets under 16 characters: exact copies only, one hash per position and length. */
function scanShort(ix: KnownIndex, text: string, out: RawMatch[]): void {
  const win = ix.keys.win;
  for (const [len, byHash] of ix.short) {
    for (let i = 0; i + len <= text.length; i++) {
      const entries = byHash.get(shortHash(text, i, len, win));
      if (!entries) continue;
      const value = text.slice(i, i + len);
      const fp = fingerprint(ix.keys, value);
      for (const e of entries) {
        if (ix.fps[e] !== fp) continue;
        out.push({
          start: i,
          end: i + len,
          kind: "known",
          secretId: ix.ids[e]!,
          form: "plain",
          match: "exact",
          coverage: 1,
          value,
          tier: ix.tiers[e]!,
        });
      }
    }
  }
}

/** PEM blocks whose normalised body (no whitespace, no literal \n) is a manifest key's. */
function scanPem(ix: KnownIndex, text: string, out: RawMatch[]): void {
  for (let at = 0, block = pemBody(text); block; block = pemBody(text, at)) {
    at = block.start + 11;
    const entries = ix.pem.get(fingerprint(ix.keys, `pem:${block.body}`));
    if (!entries) continue;
    at = block.end;
    const value = text.slice(block.start, block.end);
    for (const e of entries) {
      out.push({
        start: block.start,
        end: block.end,
        kind: "known",
        secretId: ix.ids[e]!,
        form: "pem",
        match: "exact",
        coverage: 1,
        value,
        tier: ix.tiers[e]!,
      });
    }
  }
}
