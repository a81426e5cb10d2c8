/**
 * Decoding only around a candidate: with needles (manifest/needles.ts), the known matcher's one
 * pass over the raw text says where an encoded copy may be; only those places are decoded (to
 * depth 2, as views of all text would be: nested forms and exact edges come out the same) and
 * matched again. The rest of the text is never decoded.
 */
import type { RawMatch } from "../types.js";
import { type JoinedViews, locate, viewLevels } from "./decode.js";
import type { KnownMatcher } from "./known.js";

/** Maps matches in a joined level of views to the original text, with each view's form. */
export function fromViews(level: JoinedViews, matches: RawMatch[], text: string, known: boolean): RawMatch[] {
  const out: RawMatch[] = [];
  for (const m of matches) {
    const at = locate(level, m.start, m.end);
    if (!at) continue;
    const v = at.view;
    const start = v.at(at.start);
    const end = Math.max(start + 1, v.at(at.end, true));
    const form = m.form === "plain" ? v.form : `${v.form}+${m.form}`;
    // known copies report the text as found; pattern matches keep their decoded secret
    out.push({ ...m, start, end, form, ...(known && { value: text.slice(start, end) }) });
  }
  return out;
}

/** Copies in decoded views of text[lo, hi), placed in text. */
function aroundOne(known: KnownMatcher, text: string, lo: number, hi: number, minView: number): RawMatch[] {
  const sub = text.slice(lo, hi);
  const out: RawMatch[] = [];
  for (const level of viewLevels(sub, 2, minView)) {
    for (const m of fromViews(level, known.find(level.text), sub, true)) {
      const start = m.start + lo;
      const end = m.end + lo;
      out.push({ ...m, start, end, value: text.slice(start, end) });
    }
  }
  return out;
}

/** Encoded copies in the ranges of `near` (from known.find), each decoded once. */
export function findAround(known: KnownMatcher, text: string, near: number[], minView: number): RawMatch[] {
  const out: RawMatch[] = [];
  const order = Array.from({ length: near.length >> 1 }, (_, k) => 2 * k).sort((x, y) => near[x]! - near[y]!);
  let lo = -1;
  let hi = -1;
  for (const k of order) {
    if (near[k]! <= hi) {
      hi = Math.max(hi, near[k + 1]!);
      continue;
    }
    if (hi > lo) out.push(...aroundOne(known, text, lo, hi, minView));
    lo = near[k]!;
    hi = near[k + 1]!;
  }
  if (hi > lo) out.push(...aroundOne(known, text, lo, hi, minView));
  return out;
}
