/**
 * Where to decode around a window that matched (known-around.ts decodes only there). A needle
 * (an encoded form's window) without `\` or `%` belongs to a base64, base64url or hex copy, which
 * is one run of those characters: the run around it is decoded, and a window with any other
 * character is no copy at all (most windows of code and prose that collide with a needle's
 * 32-bit hash end here, which keeps the cost per byte flat with 100,000 secrets). A needle with
 * `\` or `%` (an escaped form), and a piece of the secret itself that matched two windows or more
 * (an escaped copy keeps pieces as they are), get everything within `radius` around them.
 */

/** Characters of base64, base64url and hex copies, with the escapes of their nested forms. */
const RUN = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-%\\")
  RUN[c.charCodeAt(0)] = 1;

/** True for a character (or byte) of a base64, base64url or hex run, or an escape's. */
export function inRun(c: number): boolean {
  return c < 128 && RUN[c] === 1;
}

/** The shortest form a needle is kept for (needles.ts): a shorter run holds no copy. */
const MIN_FORM = 16;

/** Adds the range [a, b) to decode for the needle window text[i, i + win) (none when it is no copy). */
export function nearNeedle(text: string, i: number, win: number, radius: number, near: number[]): void {
  let escaped = false;
  for (let k = i; k < i + win; k++) {
    const c = text.charCodeAt(k);
    if (!inRun(c)) return;
    if (c === 37 || c === 92) escaped = true;
  }
  if (escaped) {
    nearPiece(text, i, i + win, radius, near);
    return;
  }
  let a = i;
  const lo = Math.max(0, i - radius);
  while (a > lo && inRun(text.charCodeAt(a - 1))) a--;
  let b = i + win;
  const hi = Math.min(text.length, i + win + radius);
  while (b < hi && inRun(text.charCodeAt(b))) b++;
  if (b - a >= MIN_FORM) near.push(a, b);
}

/** Adds the range within `radius` of text[start, end). */
export function nearPiece(text: string, start: number, end: number, radius: number, near: number[]): void {
  near.push(Math.max(0, start - radius), Math.min(text.length, end + radius));
}
