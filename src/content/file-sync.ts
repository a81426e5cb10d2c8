/**
 * A file read with synchronous reads into pieces, for worker threads that read and match in one
 * go (the main thread only walks folders and merges). What the bytes are is decided by the same
 * `contentKind` as every other item; HARs, archives and anything not a regular file are left to
 * the streaming layer (`defer`), so there is one decision path and one reader per kind.
 */
import { closeSync, constants, fstatSync, openSync } from "node:fs";
import { byteDecoder, SNIFF_BYTES } from "./decode.js";
import { type ByteRange, type Pos, type RangeEncoding, readFull, readRange } from "./file-range.js";
import { contentKind } from "./kind.js";
import { type ChunkOptions, PieceSplitter, type TextPiece } from "./text.js";

/** How a file is read off the main thread. */
export interface SyncReadOptions {
  /** Whether binary files are read (for known secrets) or only skipped. */
  readBinary: boolean;
  /**
   * Larger files are read in ranges of this size (binary and UTF-8, see file-range.ts; the first
   * here, the rest as jobs of their own), or left to the streaming layer (UTF-16).
   */
  maxBytes: number;
  chunk?: ChunkOptions;
}

/** The rest of a file too large for one job: ranges of `maxBytes` from `next`. */
export interface Split {
  size: number;
  next: number;
  encoding: RangeEncoding;
}

/**
 * What became of a file (or a range of it): read as text or binary (its pieces were handed over;
 * `end`: the position past them, `split`: the ranges still to read), skipped, or deferred.
 */
export type SyncRead =
  | { kind: "text" | "binary"; bytes: number; end?: Pos; split?: Split }
  | { kind: "skip" }
  | { kind: "defer" };

/** 1 MiB reads: most files take one; a large one is decoded and split as it is read. */
const BLOCK = 1 << 20;
/**
 * One read buffer per thread, reused for every file (reads are synchronous and decoding copies):
 * a fresh buffer per file cost page faults and collections of external memory.
 */
const scratch = Buffer.allocUnsafeSlow(BLOCK);

/** Reads a file and hands its pieces to `onPiece`; throws the file system's error. */
export function readFilePieces(
  file: string,
  name: string,
  opts: SyncReadOptions,
  onPiece: (p: TextPiece) => void,
): SyncRead {
  // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then deferred, not read here)
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: "defer" };
    const block = scratch.subarray(0, Math.max(1, Math.min(st.size, BLOCK)));
    let n = readFull(fd, block, 0);
    const kind = contentKind(name, undefined, block.subarray(0, Math.min(n, SNIFF_BYTES)));
    if (kind === "binary" && !opts.readBinary) return { kind: "skip" };
    if (kind !== "binary" && kind !== "utf-8" && kind !== "utf-16le" && kind !== "utf-16be")
      return { kind: "defer" };
    if (st.size > opts.maxBytes) {
      if (kind !== "binary" && kind !== "utf-8") return { kind: "defer" };
      const range = { from: 0, to: opts.maxBytes, size: st.size, encoding: kind };
      const read = readRange(fd, range, opts.chunk, scratch, onPiece);
      const split = { size: st.size, next: opts.maxBytes, encoding: kind };
      return { kind: kind === "binary" ? "binary" : "text", ...read, split };
    }
    const dec = byteDecoder(kind);
    const splitter = new PieceSplitter(opts.chunk);
    let total = 0;
    while (n > 0) {
      total += n;
      for (const p of splitter.push(dec.write(block.subarray(0, n)))) onPiece(p);
      if (n < block.length) break;
      n = readFull(fd, block, total);
    }
    for (const p of splitter.push(dec.end())) onPiece(p);
    for (const p of splitter.end()) onPiece(p);
    return { kind: kind === "binary" ? "binary" : "text", bytes: total };
  } finally {
    closeSync(fd);
  }
}

/** Reads one range of a file split by `readFilePieces` (lines and columns from the range's start). */
export function readFileRange(
  file: string,
  range: ByteRange,
  opts: SyncReadOptions,
  onPiece: (p: TextPiece) => void,
): SyncRead {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const read = readRange(fd, range, opts.chunk, scratch, onPiece);
    return { kind: range.encoding === "binary" ? "binary" : "text", ...read };
  } finally {
    closeSync(fd);
  }
}
