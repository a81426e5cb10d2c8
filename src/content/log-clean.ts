/**
 * CI log noise removed before matching: ANSI escapes, GitHub Actions and GitLab runner timestamp
 * prefixes, Jenkins timestamper prefixes and hidden console notes, GitLab section markers. Only
 * whole escapes, markers and prefixes are removed (and the line break before a GitLab continued
 * line, so a long line the runner split is whole again), so stripping neither hides a copy nor
 * invents one out of a mask; a compact offset map takes every offset of the cleaned text back to
 * the line and column of the original file.
 */
import type { Chunk, Position } from "../types.js";

// Escape sequences, tried (sticky) wherever an ESC occurs. Order matters: Jenkins notes and
// GitLab markers embed plain ANSI escapes, so they come first.
const ESCAPE = new RegExp(
  [
    "\\x1b\\[8mha:[A-Za-z0-9+/=]*\\x1b\\[0m", // Jenkins ConsoleNote (hidden base64 annotation)
    "\\x1b\\[0Ksection_(?:start|end):\\d+:[A-Za-z0-9_.-]+(?:\\[[^\\]\\r\\n]*\\])?\\r(?:\\x1b\\[0K)?", // GitLab
    "\\x1b\\][^\\x07\\x1b\\n]*(?:\\x07|\\x1b\\\\)", // OSC (hyperlinks, titles)
    "\\x1b\\[[0-?]*[ -/]*[@-~]", // CSI (colours, erase line)
    "\\x1b[@-Z\\\\-_]", // other two-byte escapes
  ].join("|"),
  "y",
);
// A GitLab marker at a line start without its leading erase-line escape.
const SECTION = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]\r\n]*\])?\r(?:\x1b\[0K)?/y;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Length of a line-start timestamp: GitHub Actions `2024-01-15T10:23:45.1234567Z `, GitLab runner
 * `2024-01-15T10:23:45.123456Z 00O `, Jenkins timestamper `[2024-01-15T10:23:45.123Z] `.
 */
export function prefixLength(text: string, p: number): number {
  const bracket = text.charCodeAt(p) === 91 ? 1 : 0;
  const q = p + bracket;
  // YYYY-MM-DDTHH:MM:SS, checked by character codes: this runs on every line of a big log
  const shape = "dddd-dd-ddTdd:dd:dd";
  for (let k = 0; k < shape.length; k++) {
    const c = text.charCodeAt(q + k);
    const want = shape.charCodeAt(k);
    if (want === 100 ? !isDigit(c) : c !== want) return 0;
  }
  let i = q + shape.length;
  if (text.charCodeAt(i) === 46) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const z = text.charCodeAt(i) === 90;
  if (z) i++;
  if (bracket) {
    if (text.charCodeAt(i) !== 93) return 0;
    i++;
  } else if (!z) return 0;
  if (text.charCodeAt(i) !== 32) return 0;
  i++;
  // GitLab runner (FF_TIMESTAMPS): `00O ` / `01E+ `: two hex flags, the stream, `+` for a continued line
  if (!bracket && isHex(text.charCodeAt(i)) && isHex(text.charCodeAt(i + 1))) {
    const s = text.charCodeAt(i + 2);
    const plus = text.charCodeAt(i + 3) === 43 ? 1 : 0;
    if ((s === 79 || s === 69) && text.charCodeAt(i + 3 + plus) === 32) i += 4 + plus;
  }
  return i - p;
}

const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102);

/** True when a prefix of length n at p marks a GitLab continued line (joined to the line before). */
function continues(text: string, p: number, n: number): boolean {
  return n > 5 && text.charCodeAt(p + n - 2) === 43 && text.charCodeAt(p - 1) === 10;
}

/** Cleaned text and the map back to the original: breakpoints where a removal happened. */
export interface CleanedText {
  text: string;
  /** Offsets in the cleaned text where the shift changes (ascending). */
  at: number[];
  /** Characters removed before each breakpoint, cumulative. */
  shift: number[];
}

/** Strips log noise from text; `atLineStart` says whether text[0] begins a line. */
export function cleanLog(text: string, atLineStart = true): CleanedText {
  const out: string[] = [];
  const at: number[] = [];
  const shift: number[] = [];
  let removed = 0;
  let last = 0;
  const cut = (s: number, e: number) => {
    if (s > last) out.push(text.slice(last, s));
    removed += e - s;
    at.push(e - removed);
    shift.push(removed);
    last = e;
  };
  const lineStart = (p: number): number => {
    const n = prefixLength(text, p);
    if (n && p > 0 && continues(text, p, n)) {
      // the runner split one long line: join it back, so a copy cut in two is whole again
      cut(text.charCodeAt(p - 2) === 13 ? p - 2 : p - 1, p + n);
    } else if (n) cut(p, p + n);
    SECTION.lastIndex = p + n;
    if (text.charCodeAt(p + n) === 115 && SECTION.test(text)) cut(p + n, SECTION.lastIndex);
    return Math.max(last, p);
  };
  let pos = atLineStart ? lineStart(0) : 0;
  let esc = text.indexOf("\x1b", pos);
  let nl = text.indexOf("\n", pos);
  while (esc !== -1 || nl !== -1) {
    if (esc !== -1 && (nl === -1 || esc < nl)) {
      ESCAPE.lastIndex = esc;
      if (ESCAPE.test(text)) {
        cut(esc, ESCAPE.lastIndex);
        pos = ESCAPE.lastIndex;
      } else pos = esc + 1;
      esc = text.indexOf("\x1b", pos);
      if (nl !== -1 && nl < pos) nl = text.indexOf("\n", pos);
    } else {
      pos = lineStart(nl + 1);
      nl = text.indexOf("\n", pos);
      if (esc !== -1 && esc < pos) esc = text.indexOf("\x1b", pos);
    }
  }
  if (!at.length) return { text, at, shift };
  out.push(text.slice(last));
  return { text: out.join(""), at, shift };
}

/** Maps an offset of the cleaned text to the offset in the original text. */
export function originalOffset(c: CleanedText, offset: number): number {
  // last breakpoint at or before offset; a removal at `offset` itself shifts it
  let lo = 0;
  let hi = c.at.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c.at[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return offset + (found === -1 ? 0 : c.shift[found]!);
}

/** Maps an offset of the original text to the first cleaned offset at or after it. */
export function cleanedOffset(c: CleanedText, original: number): number {
  let lo = 0;
  let hi = c.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (originalOffset(c, mid) < original) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A position function over the original text starting at (line, column). */
export function positionMap(
  original: string,
  c: CleanedText,
  line: number,
  column: number,
): (offset: number) => Position {
  let starts: number[] | undefined; // offsets of line starts in the original, built on first use
  return (offset) => {
    const o = originalOffset(c, offset);
    if (!starts) {
      starts = [0];
      for (let i = original.indexOf("\n"); i !== -1; i = original.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: line + lo, column: lo === 0 ? column + o : o - starts[lo]! + 1 };
  };
}

/** A log chunk with its noise stripped and positions mapped to the original file. */
export function cleanLogChunk(chunk: Chunk): Chunk {
  const c = cleanLog(chunk.text, (chunk.column ?? 1) === 1);
  if (!c.at.length) return chunk;
  const line = chunk.line;
  const column = chunk.column ?? 1;
  return {
    ...chunk,
    text: c.text,
    position: positionMap(chunk.text, c, line, column),
    ...(chunk.tailStart !== undefined && { tailStart: cleanedOffset(c, chunk.tailStart) }),
  };
}
