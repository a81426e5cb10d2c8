/**
 * A file read with synchronous reads into pieces, for worker threads that read and match in one
 * go (the main thread only walks folders and merges). What the bytes are is decided by the same
 * `contentKind` as every other item; HARs, archives and anything not a regular file are left to
 * the streaming layer (`defer`), so there is one decision path and one reader per kind. A file
 * the matcher clears from its bytes (known-bytes.ts) is split undecoded.
 */
import { closeSync, constants, fstatSync, openSync } from "node:fs";
import { SNIFF_BYTES } from "./decode.js";
import {
  type ByteRange,
  type Clearing,
  type Pos,
  type RangeEncoding,
  readFull,
  scratchOf,
} from "./file-range.js";
import { contentKind } from "./kind.js";
import { rangePieces, readRange } from "./range-pieces.js";
import type { ChunkOptions, TextPiece } from "./text.js";

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

/** Reads a file and hands its pieces to `onPiece`; throws the file system's error. */
export function readFilePieces(
  file: string,
  name: string,
  opts: SyncReadOptions,
  onPiece: (p: TextPiece) => void,
  clear?: Clearing,
  inspect?: (bytes: Uint8Array) => void,
): SyncRead {
  // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then deferred, not read here)
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: "defer" };
    const whole = st.size <= opts.maxBytes;
    const buf = scratchOf(whole ? st.size : SNIFF_BYTES);
    const n = readFull(fd, buf.subarray(0, whole ? st.size : SNIFF_BYTES), 0);
    const kind = contentKind(name, undefined, buf.subarray(0, Math.min(n, SNIFF_BYTES)));
    // a whole binary file is offered to the byte checks first (pattern rules never see its text)
    if (kind === "binary" && whole) inspect?.(buf.subarray(0, n));
    if (kind === "binary" && !opts.readBinary) return { kind: "skip" };
    if (kind !== "binary" && kind !== "utf-8" && kind !== "utf-16le" && kind !== "utf-16be")
      return { kind: "defer" };
    const as = kind === "binary" ? "binary" : "text";
    if (whole) {
      rangePieces(buf, { a: 0, b: n, n }, kind, opts.chunk, onPiece, clear);
      return { kind: as, bytes: n };
    }
    if (kind !== "binary" && kind !== "utf-8") return { kind: "defer" };
    const range = { from: 0, to: opts.maxBytes, size: st.size, encoding: kind };
    const read = readRange(fd, range, opts.chunk, onPiece, clear);
    return { kind: as, ...read, split: { size: st.size, next: opts.maxBytes, encoding: kind } };
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
  clear?: Clearing,
): SyncRead {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const read = readRange(fd, range, opts.chunk, onPiece, clear);
    return { kind: range.encoding === "binary" ? "binary" : "text", ...read };
  } finally {
    closeSync(fd);
  }
}
