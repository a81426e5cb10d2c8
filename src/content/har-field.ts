/**
 * One HAR field's value as chunks. A chunk owns its text and its positions and holds nothing
 * else: no slice of a multi-megabyte body, no reference to the entry's raw text. A chunk kept a
 * while (a suspended generator's stale register, a chunk in flight) then pins about 120 KiB, not
 * the entry it came from; with 4 MiB bodies, pinned entries were most of a HAR scan's peak RSS
 * (issue 16).
 */
import type { Chunk, Provenance } from "../types.js";
import { sniffEncoding } from "./decode.js";
import type { HarField } from "./har-fields.js";
import { RawWalker, type StringSpot } from "./har-json.js";
import { DEFAULT_CHUNK_SIZE, DEFAULT_OVERLAP } from "./text.js";

/**
 * `value[from, to)` as a string of its own. A slice of a long string keeps the whole string
 * alive in V8; a concatenation that is then flattened (ToNumber flattens in place) is a copy.
 */
export function ownCopy(value: string, from: number, to: number): string {
  const end = Math.min(to, value.length);
  if (from === 0 && end === value.length) return value;
  const mid = (from + end) >> 1;
  const copy = value.slice(from, mid) + value.slice(mid, end);
  Number(copy);
  return copy;
}

/** The decoded text of a field: base64 bodies decoded, binary ones as one character per byte. */
function fieldText(f: HarField): { value: string; binary: boolean } {
  if (!f.base64) return { value: f.value, binary: false };
  const bytes = Buffer.from(f.value, "base64");
  const encoding = sniffEncoding(bytes);
  // a binary body is still searched byte by byte (known secrets; pattern rules skip it)
  if (encoding === "binary") return { value: bytes.toString("latin1"), binary: true };
  return { value: new TextDecoder(encoding).decode(bytes), binary: false };
}

/** Where a chunk's characters are in the file: a column per decoded offset, through the escapes. */
type Position = (o: number) => { line: number; column: number };

/**
 * The position function of one chunk: `rawStart` is the raw index (after the opening quote) of
 * the chunk's first character, `at` the chunk offsets of the escapes in it, `extra` the raw
 * characters each escape and those before it add (a running sum).
 */
function escapedPosition(line: number, column: number, rawStart: number, at: Int32Array, extra: Int32Array) {
  return (o: number) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < o) lo = mid + 1;
      else hi = mid;
    }
    return { line, column: column + rawStart + o + (lo ? extra[lo - 1]! : 0) };
  };
}

/** Every offset at one place (made here: a closure in fieldChunks would hold its variables). */
function fixedPosition(line: number, column: number): Position {
  return () => ({ line, column });
}

/** The position function of the chunk at decoded `[start, end)`; `walker` is at `start`. */
function chunkPosition(
  walker: RawWalker,
  start: number,
  end: number,
  line: number,
  column: number,
): Position {
  const at: number[] = [];
  const extra: number[] = [];
  let sum = 0;
  const ahead = walker.clone();
  const rawStart = ahead.raw;
  ahead.advance(end, (dec, more) => {
    at.push(dec - start);
    sum += more;
    extra.push(sum);
  });
  return escapedPosition(line, column, rawStart, Int32Array.from(at), Int32Array.from(extra));
}

/**
 * One field's chunks: split when huge, each chunk's positions mapped through the JSON escapes
 * of the raw value in `text` (the entry's text; `spot`: where the value's quote is in it).
 */
export function* fieldChunks(
  text: string,
  f: HarField,
  spot: StringSpot | undefined,
  base: Provenance,
  of: Pick<Chunk, "target" | "item">,
): Generator<Chunk> {
  const { value, binary } = fieldText(f);
  const provenance: Provenance = { ...base, field: f.field };
  const line = spot?.line ?? 1;
  const column = (spot?.column ?? 0) + 1;
  // decoded base64 has no exact place in the file: every position is the start of the value
  const walker = spot && !f.base64 ? new RawWalker(text, spot.offset) : undefined;
  for (let start = 0; start === 0 || start < value.length; start += DEFAULT_CHUNK_SIZE) {
    const end = start + DEFAULT_CHUNK_SIZE;
    const last = end >= value.length;
    const chunkEnd = Math.min(value.length, end + DEFAULT_OVERLAP);
    let position = fixedPosition(line, column);
    if (walker) {
      position = chunkPosition(walker, start, chunkEnd, line, column);
      walker.advance(Math.min(end, value.length));
    }
    yield {
      text: ownCopy(value, start, chunkEnd),
      provenance,
      ...of,
      line,
      column,
      position,
      ...(!last && { tailStart: DEFAULT_CHUNK_SIZE }),
      ...(binary && { binary: true }),
    };
  }
}
