/**
 * CI log noise removed before matching: ANSI escapes, GitHub Actions ISO timestamp prefixes,
 * Jenkins timestamper prefixes and hidden console notes, GitLab section markers. Only whole
 * escapes and markers are removed and newlines are never touched, so stripping neither hides a
 * copy nor invents one out of a mask; a compact offset map takes every offset of the cleaned text
 * back to the line and column of the original file.
 */
import type { Chunk, Position } from "../types.js";

// Order matters: GitLab markers and Jenkins notes embed ANSI escapes, so they go first.
const NOISE = new RegExp(
  [
    "\\x1b\\[8mha:[A-Za-z0-9+/=]*\\x1b\\[0m", // Jenkins ConsoleNote (hidden base64 annotation)
    "(?:\\x1b\\[0K)?section_(?:start|end):\\d+:[A-Za-z0-9_.-]+(?:\\[[^\\]\\r\\n]*\\])?\\r(?:\\x1b\\[0K)?", // GitLab
    "\\x1b\\][^\\x07\\x1b\\n]*(?:\\x07|\\x1b\\\\)", // OSC (hyperlinks, titles)
    "\\x1b\\[[0-?]*[ -/]*[@-~]", // CSI (colours, erase line)
    "\\x1b[@-Z\\\\-_]", // other two-byte escapes
  ].join("|"),
  "g",
);

// At the start of a line only: GitHub Actions `2024-01-15T10:23:45.1234567Z `, Jenkins `[2024-…Z] `.
const PREFIX =
  /^(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z |\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?\] )/;

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
  if (!text.includes("\x1b") && !mayHavePrefix(text)) return { text, at: [], shift: [] };
  const out: string[] = [];
  const at: number[] = [];
  const shift: number[] = [];
  let removed = 0;
  let outLen = 0;
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl + 1;
    let pos = start;
    if (atLineStart || start > 0) {
      const m = PREFIX.exec(text.slice(start, start + 40));
      if (m) {
        pos += m[0].length;
        removed += m[0].length;
        at.push(outLen);
        shift.push(removed);
      }
    }
    const line = text.slice(pos, end);
    if (line.includes("\x1b") || line.includes("section_")) {
      let last = 0;
      for (const m of line.matchAll(NOISE)) {
        const piece = line.slice(last, m.index);
        out.push(piece);
        outLen += piece.length;
        removed += m[0].length;
        at.push(outLen);
        shift.push(removed);
        last = m.index + m[0].length;
      }
      const piece = line.slice(last);
      out.push(piece);
      outLen += piece.length;
    } else {
      out.push(line);
      outLen += line.length;
    }
    if (nl === -1) break;
    start = end;
  }
  return { text: out.join(""), at, shift };
}

function mayHavePrefix(text: string): boolean {
  return /(?:^|\n)\[?\d{4}-\d{2}-\d{2}T/.test(text);
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
