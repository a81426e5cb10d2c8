/**
 * A large file read as byte ranges, each a job of its own, so both worker threads share a
 * 100 MB file instead of one reading it while the other idles (or the main thread decoding it).
 * A range starts at a character boundary, is split into pieces like any text, and its last piece
 * runs on into the next range by the chunk overlap (`tailStart` marks where the next range takes
 * over), so a copy that straddles a range boundary is found whole, once. Lines and columns are
 * counted from the range's start; the merging side shifts them (`shiftPos`). Here: the ranges'
 * types and byte-level helpers; range-pieces.ts makes a range into pieces.
 */
import { isAscii } from "node:buffer";
import { readSync } from "node:fs";
import { byteDecoder } from "./decode.js";
import { type ChunkOptions, DEFAULT_OVERLAP } from "./text.js";

/** A line and column (both from 1). */
export interface Pos {
  line: number;
  column: number;
}

/** The encodings a file can be split in: a byte offset can be moved to a character boundary. */
export type RangeEncoding = "binary" | "utf-8";

/** True when bytes [0, n) read as latin1 hold no copy (`ascii`, UTF-8: and are all ASCII or the secrets are). */
export type ClearBytes = (buf: Uint8Array, n: number, ascii: boolean) => boolean;

/**
 * Where copies may be in raw bytes (known-bytes.ts), so only the bytes around them are decoded:
 * `hit` gives the first byte at or after `from` (rounded down to a multiple of 4) of buf[0, n)
 * where a window may start a copy (-1: none; -2: the rest cannot be cleared); a copy around a hit
 * lies within `reach` characters of it.
 */
export interface ByteCheck {
  hit(buf: Uint8Array, from: number, n: number, ascii: boolean): number;
  reach: number;
}

/** How a reader may clear bytes undecoded: a whole range at once, or around each hit. */
export type Clearing = ClearBytes | ByteCheck;

/** The check of a clearing: a whole-range test clears a whole range or nothing (reach 0). */
export function checkOf(clear: Clearing): ByteCheck {
  if (typeof clear !== "function") return clear;
  return { hit: (buf, from, n, ascii) => (from === 0 && clear(buf, n, ascii) ? -1 : -2), reach: 0 };
}

/** Bytes [from, to) of a file of `size` bytes, in `encoding`. */
export interface ByteRange {
  from: number;
  to: number;
  size: number;
  encoding: RangeEncoding;
}

/** Where `rel` (counted from a range's start) is in the file, the range starting at `base`. */
export function shiftPos(base: Pos, rel: Pos): Pos {
  return rel.line === 1
    ? { line: base.line, column: base.column + rel.column - 1 }
    : { line: base.line + rel.line - 1, column: rel.column };
}

/** A range's tail in bytes: the chunk overlap, a UTF-16 unit taking at most 3 bytes of UTF-8. */
export function tailBytes(chunk: ChunkOptions | undefined): number {
  return 3 * (chunk?.overlap ?? DEFAULT_OVERLAP);
}

/** Reads into buf from `pos` until buf is full or the file ends; the bytes read. */
export function readFull(fd: number, buf: Buffer, pos: number): number {
  let n = 0;
  while (n < buf.length) {
    const r = readSync(fd, buf, n, buf.length - n, pos + n);
    if (r === 0) break;
    n += r;
  }
  return n;
}

/** Where a file's bytes are read: grown to the largest range (with its overlap) read so far. */
let scratch = Buffer.allocUnsafeSlow(1 << 20);

/** A buffer of at least n bytes, plus 16 (zeroed by the byte check's caller). */
export function scratchOf(n: number): Buffer {
  // grown in 64 KiB steps, not powers of two: a 4 MB range must not hold 8 MB per thread
  if (scratch.length < n + 16) scratch = Buffer.allocUnsafeSlow(Math.ceil((n + 16) / 65536) * 65536);
  return scratch;
}

/** How many UTF-8 continuation bytes start buf[at, ...) (none in binary). */
export function skip(buf: Uint8Array, at: number, end: number, r: ByteRange): number {
  let k = 0;
  if (r.encoding === "binary" || at === 0) return 0;
  while (at + k < end && k < 3 && (buf[at + k]! & 0xc0) === 0x80) k++;
  return k;
}

/** Decodes buf[a, b) in 1 MiB slices (strings under a large size), handing each string to `onText`. */
export function decodeBytes(
  buf: Buffer,
  a: number,
  b: number,
  r: RangeEncoding | "utf-16le" | "utf-16be",
  onText: (t: string) => void,
): void {
  const dec = byteDecoder(r);
  for (let at = a; at < b; at += 1 << 20) onText(dec.write(buf.subarray(at, Math.min(b, at + (1 << 20)))));
  onText(dec.end());
}

/**
 * The position past UTF-8 bytes [a, b) that `end` (counted in bytes) gives: the same line, the
 * column counted in characters (a cleared range may hold non-ASCII text, see known.ts); only the
 * last line is decoded, and only when it holds a non-ASCII byte.
 */
export function textEnd(buf: Buffer, a: number, b: number, end: Pos): Pos {
  const nl = buf.lastIndexOf(10, b - 1);
  const from = nl >= a ? nl + 1 : a;
  if (isAscii(buf.subarray(from, b))) return end;
  if (nl >= a) return { line: end.line, column: buf.toString("utf8", from, b).length + 1 };
  let column = 1;
  decodeBytes(buf, a, b, "utf-8", (t) => {
    column += t.length;
  });
  return { line: end.line, column };
}
