/**
 * A large file read as byte ranges, each a job of its own, so both worker threads share a
 * 100 MB file instead of one reading it while the other idles (or the main thread decoding it).
 * A range starts at a character boundary, is split into pieces like any text, and its last piece
 * runs on into the next range by the chunk overlap (`tailStart` marks where the next range takes
 * over), so a copy that straddles a range boundary is found whole, once. Lines and columns are
 * counted from the range's start; the merging side shifts them (`shiftPos`).
 */
import { isAscii } from "node:buffer";
import { readSync } from "node:fs";
import { bytePieces } from "./byte-pieces.js";
import { byteDecoder } from "./decode.js";
import { advance, type ChunkOptions, DEFAULT_OVERLAP, PieceSplitter, type TextPiece } from "./text.js";

/** A line and column (both from 1). */
export interface Pos {
  line: number;
  column: number;
}

/** The encodings a file can be split in: a byte offset can be moved to a character boundary. */
export type RangeEncoding = "binary" | "utf-8";

/** True when bytes [0, n) read as latin1 hold no copy (`ascii`, UTF-8: and are all ASCII or the secrets are). */
export type ClearBytes = (buf: Uint8Array, n: number, ascii: boolean) => boolean;

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

/** Where a file's bytes are read: grown to the largest range (with its overlap) read so far. */
let scratch = Buffer.allocUnsafeSlow(1 << 20);

/** A buffer of at least n bytes, plus 16 (zeroed by the byte check's caller). */
export function scratchOf(n: number): Buffer {
  // grown in 64 KiB steps, not powers of two: a 4 MB range must not hold 8 MB per thread
  if (scratch.length < n + 16) scratch = Buffer.allocUnsafeSlow(Math.ceil((n + 16) / 65536) * 65536);
  return scratch;
}

/** How many UTF-8 continuation bytes start buf[at, ...) (none in binary). */
function skip(buf: Uint8Array, at: number, end: number, r: ByteRange): number {
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
function textEnd(buf: Buffer, a: number, b: number, end: Pos): Pos {
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

/** True when bytes [0, n) of buf hold no copy (`clear`), buf zeroed past n for the check. */
export function cleared(buf: Buffer, n: number, encoding: string, clear?: ClearBytes): boolean {
  if (!clear || (encoding !== "binary" && encoding !== "utf-8")) return false;
  buf.fill(0, n, n + 16);
  return clear(buf, n, encoding === "utf-8");
}

/**
 * Reads one range of an open file into pieces (lines and columns from the range's start); the
 * bytes it covers (without the overlap) and the position just past them. With `clear`, bytes
 * that hold no copy are split into empty pieces undecoded.
 */
export function readRange(
  fd: number,
  r: ByteRange,
  chunk: ChunkOptions | undefined,
  onPiece: (p: TextPiece) => void,
  clear?: ClearBytes,
): { bytes: number; end: Pos } {
  // the overlap, in bytes: a UTF-16 unit takes at most 3 bytes of UTF-8
  const tailBytes = 3 * (chunk?.overlap ?? DEFAULT_OVERLAP);
  const want = Math.min(r.size, r.to + tailBytes) - r.from;
  const buf = scratchOf(want);
  const n = readFull(fd, buf.subarray(0, want), r.from);
  const a = skip(buf, 0, n, r);
  const to = Math.min(n, r.to - r.from);
  const b = r.to >= r.size ? n : to + skip(buf, to, n, r);
  if (cleared(buf, n, r.encoding, clear)) {
    const { pieces, end } = bytePieces(buf, a, b, chunk);
    const last = pieces.at(-1);
    if (b < n && last) last.tailStart = b - a - last.offset;
    for (const p of pieces) onPiece(p);
    return { bytes: b - a, end: r.encoding === "utf-8" ? textEnd(buf, a, b, end) : end };
  }
  const splitter = new PieceSplitter(chunk);
  let pos: Pos = { line: 1, column: 1 };
  decodeBytes(buf, a, b, r.encoding, (t) => {
    pos = advance(pos, t);
    for (const p of splitter.push(t)) onPiece(p);
  });
  const last = splitter.end();
  if (b < n && last.length) {
    let tail = "";
    decodeBytes(buf, b, n, r.encoding, (t) => {
      tail += t;
    });
    const p = last[0]!;
    last[0] = { ...p, text: p.text + tail, tailStart: p.text.length };
  }
  for (const p of last) onPiece(p);
  return { bytes: b - a, end: pos };
}
