/**
 * The masked context line of a finding: the line that holds it, clipped around it, with every
 * match on it replaced by its redacted form and any other long token-like run masked too, so a
 * secret no rule caught on the same line is not printed either.
 */
import { redact } from "./secret.js";

/** Characters shown before and after the match at most. */
const AROUND = 48;
/** A run that looks like a credential (long, no spaces): masked whatever it is. */
const TOKEN = /[A-Za-z0-9+/=_\-.~:@]{20,}/g;

/** The masked, clipped line holding text[start, end); `spans` are all matches of the chunk. */
export function maskedLine(text: string, start: number, end: number, spans: [number, number][]): string {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let lineEnd = text.indexOf("\n", start);
  if (lineEnd === -1) lineEnd = text.length;
  const from = Math.max(lineStart, start - AROUND);
  const to = Math.min(lineEnd, Math.max(end, start) + AROUND);
  const mine = spans
    .filter(([s, e]) => s < to && e > from)
    .map(([s, e]): [number, number] => [Math.max(s, from), Math.min(e, to)])
    .sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = from;
  for (const [s, e] of mine) {
    if (e <= at) continue;
    out += maskTokens(text.slice(at, Math.max(at, s)));
    out += redact(text.slice(Math.max(at, s), e));
    at = e;
  }
  out += maskTokens(text.slice(at, to));
  const clean = out.replace(/[\t\r]/g, " ").replace(/[\u0000-\u001f\u007f]/g, "");
  return `${from > lineStart ? "…" : ""}${clean.trim()}${to < lineEnd ? "…" : ""}`;
}

/** Masks credential-looking runs in plain text. */
function maskTokens(s: string): string {
  return s.replace(TOKEN, (t) => redact(t));
}
