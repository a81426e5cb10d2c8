/**
 * Base64, base64url and hex views: runs found in one sampled pass over the text's latin1 bytes,
 * decoded at every character alignment that looks like text (so any byte alignment of a secret
 * inside a longer blob decodes right in one of them); views of binary-looking bytes are dropped.
 */
import type { DecodedView } from "./decode.js";

/** Shortest view kept by default (pattern rules); a known-only scan asks for its shortest secret. */
export const MIN_VIEW = 12;

/** True when most bytes are printable ASCII (text), so the view is worth matching. */
function isTextual(bytes: Uint8Array): boolean {
  let ok = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) ok++;
  }
  return ok >= bytes.length * 0.85;
}

/**
 * Cheap test before decoding base64: a byte under 128 puts the first character of its
 * 4-character group in A-Z or a-f, so text-like data passes and most garbage fails. One pass
 * over the run serves all four alignments (character p leads a group of alignment (p - start) & 3),
 * stopping once every alignment has more than 15% bad groups; bit a of the result: alignment a
 * passes. Reads the latin1 bytes findRuns left in `scratch` (no string access).
 */
function textualAlignments(bytes: Uint8Array, start: number, end: number): number {
  const left = budget;
  let alive = 0;
  for (let a = 0; a < 4; a++) {
    const all = (end - start - a) >> 2;
    if (end - start - a < 16 || all < 3) continue;
    alive |= 1 << a;
    left[a] = Math.floor(all * 0.15);
  }
  for (let p = start; alive !== 0 && p + 4 <= end; p++) {
    if ((CLASS[bytes[p]!]! & LEAD) !== 0) continue;
    const a = (p - start) & 3;
    if ((alive & (1 << a)) !== 0 && --left[a]! < 0) alive &= ~(1 << a);
  }
  return alive;
}

const budget = new Int32Array(4);

const B64 = 1;
const HEX = 2;
/** A-Z a-f: the first character of a base64 group that encodes a byte under 128. */
const LEAD = 4;
/** 2-7: the first hex digit of a printable ASCII byte. */
const PAIR = 8;
const CLASS = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef") CLASS[c.charCodeAt(0)]! |= LEAD;
for (const c of "234567") CLASS[c.charCodeAt(0)]! |= PAIR;
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-")
  CLASS[c.charCodeAt(0)]! |= B64;
for (const c of "0123456789abcdefABCDEF") CLASS[c.charCodeAt(0)]! |= HEX;

let scratch = Buffer.allocUnsafeSlow(1 << 16);

/**
 * Base64 runs (minRun+, with up to 2 '=') and hex runs (32+) as flat [start, end, ...] lists.
 * Skip search: a run of minRun+ ending at or after i covers bytes[i - minRun + 1, i], so those are
 * checked from i down; a byte outside the alphabet at j moves i to j + minRun. Ordinary words
 * cost a few lookups per minRun bytes. Hex runs lie inside base64 runs (the hex alphabet is a
 * subset) and are looked for only there.
 */
export function findRuns(text: string, minRun = 16): { b64: number[]; hex: number[] } {
  if (text.length + 1 > scratch.length)
    scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(text.length + 1)));
  const bytes = scratch;
  const n = bytes.write(text, 0, "latin1");
  bytes[n] = 0;
  const b64: number[] = [];
  const hex: number[] = [];
  for (let i = minRun - 1; i < n; ) {
    const lo = i - minRun + 1;
    let j = i;
    while (j >= lo && (CLASS[bytes[j]!]! & B64) !== 0) j--;
    if (j >= lo) {
      i = j + minRun;
      continue;
    }
    let s = lo;
    while (s > 0 && (CLASS[bytes[s - 1]!]! & B64) !== 0) s--;
    let e = i + 1;
    while ((CLASS[bytes[e]!]! & B64) !== 0) e++;
    if (e - s >= 32) hexRuns(bytes, s, e, hex);
    let end = e;
    if (bytes[end] === 61) end++;
    if (bytes[end] === 61) end++;
    b64.push(s, end);
    i = e + minRun;
  }
  return { b64, hex };
}

/** Hex runs of 32+ inside bytes[s, e). */
function hexRuns(bytes: Uint8Array, s: number, e: number, out: number[]): void {
  let hs = s;
  for (let i = s; i <= e; i++) {
    if (i < e && (CLASS[bytes[i]!]! & HEX) !== 0) continue;
    if (i - hs >= 32) out.push(hs, i);
    hs = i + 1;
  }
}

/** Base64 views of the runs findRuns just found in text (its bytes are still in `scratch`). */
export function base64Views(text: string, runs: number[], out: DecodedView[], minView = MIN_VIEW): void {
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const end = runs[r + 1]!;
    let form: string | undefined;
    const alive = textualAlignments(scratch, start, end);
    for (let a = 0; alive >> a !== 0; a++) {
      if ((alive & (1 << a)) === 0) continue;
      const s = start + a;
      const bytes = Buffer.from(text.slice(s, end), "base64");
      if (bytes.length < minView || !isTextual(bytes)) continue;
      form ??= /[-_]/.test(text.slice(start, end)) ? "base64url" : "base64";
      out.push({
        text: bytes.toString("latin1"),
        form,
        start: s,
        end,
        at: (o, isEnd) => s + (isEnd ? Math.ceil((o * 4) / 3) : Math.floor((o * 4) / 3)),
      });
    }
  }
}

/** Hex of text: the first digit of most pairs is 2-7 (printable ASCII). Reads `scratch`. */
function pairsLookTextual(bytes: Uint8Array, s: number, e: number): boolean {
  let bad = Math.floor(((e - s) >> 1) * 0.15);
  for (let p = s; p + 2 <= e; p += 2) if ((CLASS[bytes[p]!]! & PAIR) === 0 && --bad < 0) return false;
  return true;
}

/** Hex views of the runs findRuns just found in text (its bytes are still in `scratch`). */
export function hexViews(text: string, runs: number[], out: DecodedView[]): void {
  for (let r = 0; r < runs.length; r += 2) {
    for (let a = 0; a < 2; a++) {
      const s = runs[r]! + a;
      const e = s + ((runs[r + 1]! - s) & ~1);
      if (!pairsLookTextual(scratch, s, e)) continue;
      const bytes = Buffer.from(text.slice(s, e), "hex");
      if (!isTextual(bytes)) continue;
      out.push({ text: bytes.toString("latin1"), form: "hex", start: s, end: e, at: (o) => s + 2 * o });
    }
  }
}
