/**
 * Percent-encoded and backslash-escaped views: segments found around each `%` or `\\` (indexOf,
 * linear), decoded natively; offsets map back by walking the segment, only for matches.
 */

import type { DecodedView } from "./decode.js";

/** Decoded characters between checkpoints of a walker. */
const STRIDE = 32;

/**
 * Maps a decoded offset back by walking the encoded segment. The first call walks it once and
 * keeps where every STRIDE-th decoded character starts, so each call then walks under STRIDE
 * steps: a long segment with many nested views or matches costs linear, not quadratic, time.
 */
function walker(s: number, e: number, step: (i: number) => number): DecodedView["at"] {
  let marks: Int32Array | undefined;
  const build = (): Int32Array => {
    const out: number[] = [];
    let k = 0;
    for (let i = s; i < e; i += step(i), k++) if (k % STRIDE === 0) out.push(i);
    return Int32Array.from(out);
  };
  return (o) => {
    marks ??= build();
    const m = Math.min(Math.floor(o / STRIDE), marks.length - 1);
    if (m < 0) return s;
    let i = marks[m]!;
    for (let k = m * STRIDE; k < o && i < e; k++) i += step(i);
    return Math.min(i, e);
  };
}

/** A-Z a-z 0-9 . _ ~ ! * ' ( ) + - % / = : @ */
const URL_SAFE = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~!*'()+-%/=:@")
  URL_SAFE[c.charCodeAt(0)] = 1;

function isUrlSafe(c: number): boolean {
  return c < 128 && URL_SAFE[c] === 1;
}

const PCT = /%[0-9A-Fa-f]{2}/;

export function urlViews(text: string, out: DecodedView[], minView: number): void {
  for (let p = text.indexOf("%"); p !== -1; ) {
    let s = p;
    while (s > 0 && isUrlSafe(text.charCodeAt(s - 1))) s--;
    let e = p;
    while (e < text.length && isUrlSafe(text.charCodeAt(e))) e++;
    const seg = text.slice(s, e);
    const decoded = seg.length >= minView && PCT.test(seg) ? unescape(seg.replace(/\+/g, " ")) : "";
    // a view too short to hold a match is never built (a run of `%41%41` pieces makes thousands)
    if (decoded.length >= minView) {
      const step = (i: number) =>
        text[i] !== "%"
          ? 1
          : /^u[0-9A-Fa-f]{4}$/.test(text.slice(i + 1, i + 6))
            ? 6
            : PCT.test(text.slice(i, i + 3))
              ? 3
              : 1;
      out.push({ text: decoded, form: "url", start: s, end: e, at: walker(s, e, step) });
    }
    p = text.indexOf("%", Math.max(e, p + 1));
  }
}

const JSON_ESC: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  "/": "/",
  '"': '"',
  "\\": "\\",
};
/** A quote, a newline or the NUL that separates joined views ends a segment (char codes: no string per character). */
function isJsonStop(c: number): boolean {
  return c === 34 || c === 10 || c === 0;
}
const JSON_ESCAPE = /\\(u[0-9A-Fa-f]{4}|.)/gs;

function jsonStep(text: string, i: number): number {
  if (text[i] !== "\\") return 1;
  return text[i + 1] === "u" && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)) ? 6 : 2;
}

export function jsonViews(text: string, out: DecodedView[], minView: number): void {
  for (let p = text.indexOf("\\"); p !== -1; ) {
    let s = p;
    while (s > 0 && !isJsonStop(text.charCodeAt(s - 1))) s--;
    let e = p;
    for (let c = text.charCodeAt(e); e < text.length && !isJsonStop(c); c = text.charCodeAt(e))
      e += c === 92 ? 2 : 1;
    e = Math.min(e, text.length);
    if (e - s >= minView) {
      const decoded = text
        .slice(s, e)
        .replace(JSON_ESCAPE, (_, x: string) =>
          x.length === 5 ? String.fromCharCode(Number.parseInt(x.slice(1), 16)) : (JSON_ESC[x] ?? x),
        );
      if (decoded.length >= minView)
        out.push({
          text: decoded,
          form: "json",
          start: s,
          end: e,
          at: walker(s, e, (i) => jsonStep(text, i)),
        });
    }
    p = text.indexOf("\\", Math.max(e, p + 1));
  }
}
