/**
 * Base64, base64url and hex views: runs found in one sampled pass over the text's latin1 bytes,
 * decoded at every character alignment that looks like text (so any byte alignment of a secret
 * inside a longer blob decodes right in one of them); views of binary-looking bytes are dropped.
 */
import type { DecodedView } from "./decode.js";

const MIN_VIEW = 12;

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
 * Cheap test before decoding base64 at one alignment: a byte under 128 puts the first character
 * of its 4-character group in A-Z or a-f, so text-like data passes and most garbage fails.
 */
function groupsLookTextual(text: string, s: number, e: number): boolean {
  const all = (e - s) >> 2;
  let bad = Math.floor(all * 0.15);
  if (all < 3) return false;
  for (let p = s; p + 4 <= e; p += 4) {
    const c = text.charCodeAt(p);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 102)) && --bad < 0) return false;
  }
  return true;
}

const B64 = 1;
const HEX = 2;
const CLASS = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-")
  CLASS[c.charCodeAt(0)]! |= B64;
for (const c of "0123456789abcdefABCDEF") CLASS[c.charCodeAt(0)]! |= HEX;

let scratch = Buffer.allocUnsafeSlow(1 << 16);

/**
 * Base64 runs (16+, with up to 2 '=') and hex runs (32+) as flat [start, end, ...] lists. Any run
 * of 16+ covers a position ≡ 15 (mod 16), so only those are probed and grown both ways; hex runs
 * lie inside base64 runs (the hex alphabet is a subset) and are looked for only there.
 */
export function findRuns(text: string): { b64: number[]; hex: number[] } {
  if (text.length + 1 > scratch.length)
    scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(text.length + 1)));
  const bytes = scratch;
  const n = bytes.write(text, 0, "latin1");
  bytes[n] = 0;
  const b64: number[] = [];
  const hex: number[] = [];
  for (let p = 15; p < n; p += 16) {
    if ((CLASS[bytes[p]!]! & B64) === 0) continue;
    // a run of 16+ through p reaches 8 to one side of it: a cheap reject for ordinary words
    if ((CLASS[bytes[p - 8]!]! & B64) === 0 && (CLASS[bytes[p + 8]!]! & B64) === 0) continue;
    let s = p;
    while (s > 0 && (CLASS[bytes[s - 1]!]! & B64) !== 0) s--;
    let e = p + 1;
    while ((CLASS[bytes[e]!]! & B64) !== 0) e++;
    if (e - s >= 16) {
      if (e - s >= 32) hexRuns(bytes, s, e, hex);
      let end = e;
      if (bytes[end] === 61) end++;
      if (bytes[end] === 61) end++;
      b64.push(s, end);
    }
    while (p + 16 < e) p += 16;
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

export function base64Views(text: string, runs: number[], out: DecodedView[]): void {
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const end = runs[r + 1]!;
    let form: string | undefined;
    for (let a = 0; a < 4 && end - start - a >= 16; a++) {
      const s = start + a;
      if (!groupsLookTextual(text, s, end)) continue;
      const bytes = Buffer.from(text.slice(s, end), "base64");
      if (bytes.length < MIN_VIEW || !isTextual(bytes)) continue;
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

/** Hex of text: the first digit of most pairs is 2-7 (printable ASCII). */
function pairsLookTextual(text: string, s: number, e: number): boolean {
  let bad = Math.floor(((e - s) >> 1) * 0.15);
  for (let p = s; p + 2 <= e; p += 2) {
    const c = text.charCodeAt(p);
    if ((c < 50 || c > 55) && --bad < 0) return false;
  }
  return true;
}

export function hexViews(text: string, runs: number[], out: DecodedView[]): void {
  for (let r = 0; r < runs.length; r += 2) {
    for (let a = 0; a < 2; a++) {
      const s = runs[r]! + a;
      const e = s + ((runs[r + 1]! - s) & ~1);
      if (!pairsLookTextual(text, s, e)) continue;
      const bytes = Buffer.from(text.slice(s, e), "hex");
      if (!isTextual(bytes)) continue;
      out.push({ text: bytes.toString("latin1"), form: "hex", start: s, end: e, at: (o) => s + 2 * o });
    }
  }
}
