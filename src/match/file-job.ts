/**
 * Reading and matching files in one go, where the matcher runs (a worker thread, or the main
 * thread while a scan is small): the main thread only sends batches of paths and merges what
 * comes back. A piece's text comes back only when something matched in it (the findings need it).
 */
import type { ByteRange, ClearBytes, Pos } from "../content/file-range.js";
import { readFilePieces, readFileRange, type Split, type SyncReadOptions } from "../content/file-sync.js";
import type { TextPiece } from "../content/text.js";
import { readReason } from "../errors.js";
import type { RawMatch } from "../types.js";
import type { MatchEngine } from "./index.js";

/** A file to read: where it is, the name content is told by, the path path-aware rules see. */
export interface FileJob {
  file: string;
  name: string;
  path?: string;
  /** A range of a large file (its first range came back with `split`). */
  range?: ByteRange;
}

/** A piece of a file and what matched in it. */
export interface MatchedPiece {
  line: number;
  column: number;
  offset: number;
  tailStart?: number;
  /** The piece's text, when something matched in it. */
  text?: string;
  matches: RawMatch[];
}

/** What became of one file. */
export type FileResult =
  | {
      kind: "text" | "binary";
      bytes: number;
      pieces: MatchedPiece[];
      end?: Pos;
      split?: Split;
      /** Matches on the whole file's bytes (pkcs12-match.ts), reported at line 1 column 1. */
      found?: RawMatch[];
    }
  | { kind: "skip" }
  | { kind: "defer" }
  | { kind: "error"; reason: string };

/**
 * Matched text a batch may send back (characters): past it, the batch's remaining files are left
 * to the streaming layer, so neither a worker's capped heap nor the main thread's look-ahead (eight
 * batches) fills with the pieces of a dense corpus.
 */
const RETAIN = 4 << 20;

/** Thrown when a file's matched pieces would pass the batch's budget. */
const OVER = new Error("over budget");

const allClear: ClearBytes = () => true;

/** Reads and matches one file (no matcher: read and count only). */
function runFileJob(
  engine: MatchEngine | undefined,
  job: FileJob,
  opts: SyncReadOptions,
  budget: { left: number },
): FileResult {
  if (budget.left < 0) return { kind: "defer" };
  const pieces: MatchedPiece[] = [];
  try {
    const onPiece = (p: TextPiece) => {
      const matches = engine ? engine.find(p.text, job.path) : [];
      const piece: MatchedPiece = { line: p.line, column: p.column, offset: p.offset, matches };
      if (p.tailStart !== undefined) piece.tailStart = p.tailStart;
      if (matches.length) {
        piece.text = p.text;
        budget.left -= p.text.length;
        // a range cannot be left to the streaming layer: it is bounded by its size instead
        if (budget.left < 0 && !job.range) throw OVER;
      }
      pieces.push(piece);
    };
    // no matcher: every byte is clear (read and counted, never decoded)
    const clear = engine ? (engine.byteCheck ?? engine.clearBytes) : allClear;
    let found: RawMatch[] = [];
    let size = 0;
    const inspect =
      engine?.findBytes &&
      ((b: Uint8Array) => {
        found = engine.findBytes!(b, job.name);
        size = b.length;
      });
    const read = job.range
      ? readFileRange(job.file, job.range, opts, onPiece, clear)
      : readFilePieces(job.file, job.name, opts, onPiece, clear, inspect || undefined);
    // a binary file skipped for its text still reports what its bytes gave
    if (found.length)
      return "bytes" in read ? { ...read, pieces, found } : { kind: "binary", bytes: size, pieces, found };
    return "bytes" in read ? { ...read, pieces } : read;
  } catch (err) {
    if (err === OVER) return { kind: "defer" };
    return { kind: "error", reason: readReason(err) };
  }
}

/** Reads and matches a batch of files, in order. */
export function runFileJobs(
  engine: MatchEngine | undefined,
  jobs: FileJob[],
  opts: SyncReadOptions,
): FileResult[] {
  const budget = { left: RETAIN };
  return jobs.map((j) => runFileJob(engine, j, opts, budget));
}
