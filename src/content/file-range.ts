/**
 * A large file read as byte ranges, each a job of its own, so both worker threads share a
 * 100 MB file instead of one reading it while the other idles (or the main thread decoding it).
 * A range starts at a character boundary, is split into pieces like any text, and its last piece
 * runs on into the next range by the chunk overlap (`tailStart` marks where the next range takes
 * over), so a copy that straddles a range boundary is found whole, once. Lines and columns are
 * counted from the range's start; the merging side shifts them (`shiftPos`).
 */
import { readSync } from "node:fs";
import { byteDecoder } from "./decode.js";
import { advance, type ChunkOptions, DEFAULT_OVERLAP, PieceSplitter, type TextPiece } from "./text.js";

/** A line and column (both from 1). */
export interface Pos {
  line: number;
  column: number;
}

/** The encodings a file can be split in: a byte offset can be moved to a character boundary. */
export type RangeEncoding = "binary" | "utf-8";

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

/** The first character boundary at or after byte `at` (UTF-8 continuation bytes skipped). */
function boundary(fd: number, r: ByteRange, at: number): number {
  if (r.encoding === "binary" || at <= 0 || at >= r.size) return Math.min(Math.max(at, 0), r.size);
  const b = Buffer.alloc(4);
  const n = readFull(fd, b, at);
  let k = 0;
  while (k < n && k < 3 && (b[k]! & 0xc0) === 0x80) k++;
  return at + k;
}

/** Decodes bytes [a, b) of fd in blocks of `block`, handing each string to `onText`. */
function decodeRange(
  fd: number,
  r: ByteRange,
  a: number,
  b: number,
  block: Buffer,
  onText: (t: string) => void,
): void {
  const dec = byteDecoder(r.encoding);
  for (let at = a; at < b; ) {
    const n = readFull(fd, block.subarray(0, Math.min(block.length, b - at)), at);
    if (n === 0) break;
    onText(dec.write(block.subarray(0, n)));
    at += n;
  }
  onText(dec.end());
}

/**
 * Reads one range of an open file into pieces (lines and columns from the range's start); the
 * bytes it covers (without the overlap) and the position just past them.
 */
export function readRange(
  fd: number,
  r: ByteRange,
  chunk: ChunkOptions | undefined,
  block: Buffer,
  onPiece: (p: TextPiece) => void,
): { bytes: number; end: Pos } {
  const a = boundary(fd, r, r.from);
  const b = boundary(fd, r, r.to);
  const splitter = new PieceSplitter(chunk);
  let pos: Pos = { line: 1, column: 1 };
  decodeRange(fd, r, a, b, block, (t) => {
    pos = advance(pos, t);
    for (const p of splitter.push(t)) onPiece(p);
  });
  const last = splitter.end();
  if (b < r.size && last.length) {
    // the overlap, in bytes: a UTF-16 unit takes at most 3 bytes of UTF-8
    const tailBytes = 3 * (chunk?.overlap ?? DEFAULT_OVERLAP);
    let tail = "";
    decodeRange(fd, r, b, Math.min(r.size, b + tailBytes), block, (t) => {
      tail += t;
    });
    const p = last[0]!;
    last[0] = { ...p, text: p.text + tail, tailStart: p.text.length };
  }
  for (const p of last) onPiece(p);
  return { bytes: b - a, end: pos };
}
