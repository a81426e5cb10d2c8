/**
 * History blobs read where they are matched: each worker thread (or the main thread while a scan
 * is small) runs its own `git cat-file --batch`, fed the ids of the batches it is sent, and cuts,
 * decodes, splits and matches each blob there, sending back only the pieces that matched. The main
 * thread only walks the log and merges. Every version of a path goes to the same thread (`shard`),
 * so its ring of recent versions (delta.ts) holds the predecessor it is cut against.
 */
import { byteDecoder, SNIFF_BYTES } from "../../content/decode.js";
import type { SyncReadOptions } from "../../content/file-sync.js";
import { contentKind } from "../../content/kind.js";
import { PieceSplitter, type TextPiece } from "../../content/text.js";
import { readReason } from "../../errors.js";
import {
  type Budget,
  batchBudget,
  type FileResult,
  type MatchedPiece,
  overBudget,
  pieceMatcher,
} from "../../match/file-job.js";
import type { TextMatcher } from "../../types.js";
import { isLfsPointer } from "./blobs.js";
import { type BatchObject, type CatFile, IdQueue, openCatFile } from "./cat-file.js";
import { Deltas, type Window } from "./delta.js";

/** A blob to read and match: plain data, posted to a worker. */
export interface BlobJob {
  /** The repository (every job of one batch is of the same one). */
  dir: string;
  sha: string;
  /** The blob's path: what content is told by, and what path-aware rules see. */
  path: string;
  /** The version it replaced at the same path: it is cut against it when that is still at hand. */
  prev?: string;
  /** Which thread reads it: the same for every version of a path. */
  shard: number;
}

/** What became of a blob: a file's result, with how it was cut, or that it is a Git LFS pointer. */
export type BlobResult = FileResult & { cut?: Window["cut"]; lfs?: true; size?: number };

/** The thread a path's versions go to (FNV-1a of the path). */
export function shardOf(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One repository's cat-file on this thread, its ring of recent versions, and its batches in turn. */
class BlobReader {
  readonly queue = new IdQueue();
  readonly deltas = new Deltas(8 << 20);
  private readonly cat: CatFile;
  private readonly objects: AsyncGenerator<BatchObject>;
  private turn: Promise<unknown> = Promise.resolve();
  constructor(dir: string) {
    this.cat = openCatFile(dir, this.queue, { open: true });
    this.objects = this.cat.objects();
  }

  /** Runs `fn` after every batch queued before it (their objects come first). */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.turn.then(fn);
    this.turn = run.catch(() => {});
    return run;
  }

  async next(): Promise<BatchObject> {
    const r = await this.objects.next();
    if (r.done) throw new Error("git cat-file stopped answering");
    return r.value;
  }

  close(): void {
    this.queue.close();
    this.cat.close();
  }
}

/** The cat-file readers of one thread, by repository; closed when the scan ends. */
export class BlobReaders {
  private readonly byDir = new Map<string, BlobReader>();

  get(dir: string): BlobReader {
    let r = this.byDir.get(dir);
    if (!r) this.byDir.set(dir, (r = new BlobReader(dir)));
    return r;
  }

  close(): void {
    for (const r of this.byDir.values()) r.close();
    this.byDir.clear();
  }
}

/** Reads and matches a batch of blobs, in order (no matcher: read and count only). */
export function runBlobJobs(
  engine: TextMatcher | undefined,
  jobs: BlobJob[],
  opts: SyncReadOptions,
  readers: BlobReaders,
): Promise<BlobResult[]> {
  if (!jobs.length) return Promise.resolve([]);
  const reader = readers.get(jobs[0]!.dir);
  // queued at once: git reads this batch while the ones before it are matched
  for (const j of jobs) reader.queue.push(j.sha);
  return reader.serial(async () => {
    const budget = batchBudget();
    const out: BlobResult[] = [];
    for (const job of jobs)
      out.push(blobResult(engine, reader.deltas, job, await reader.next(), opts, budget));
    return out;
  });
}

/** Splits decoded text into pieces. */
function split(texts: string[], opts: SyncReadOptions, onPiece: (p: TextPiece) => void): void {
  const splitter = new PieceSplitter(opts.chunk);
  for (const t of texts) for (const p of splitter.push(t)) onPiece(p);
  for (const p of splitter.end()) onPiece(p);
}

/** What one object is, read and matched. */
function blobResult(
  engine: TextMatcher | undefined,
  deltas: Deltas,
  job: BlobJob,
  obj: BatchObject,
  opts: SyncReadOptions,
  budget: Budget,
): BlobResult {
  if (obj.kind === "missing")
    return { kind: "error", reason: `object ${obj.sha} is missing from the repository` };
  if (obj.kind === "failed")
    return { kind: "error", reason: `object ${obj.sha} could not be read: ${obj.reason}` };
  if (obj.type !== "blob")
    return { kind: "error", reason: `object ${obj.sha} is a ${obj.type}, not a file's content` };
  // a large blob, or one past the batch's budget, is streamed on the main thread
  if (obj.kind === "object" || budget.left < 0) return { kind: "defer", size: obj.size };
  const bytes = obj.bytes;
  if (isLfsPointer(bytes)) return { kind: "skip", lfs: true };
  const pieces: MatchedPiece[] = [];
  try {
    const window = deltas.cut(job.sha, job.path, job.prev, bytes);
    if (window) {
      const onPiece = pieceMatcher(engine, job.path, budget, pieces, window.top - 1);
      split([bytes.toString("utf8", window.from, window.to)], opts, onPiece);
      return { kind: "text", bytes: bytes.length, pieces, cut: window.cut };
    }
    const kind = contentKind(job.path, undefined, bytes.subarray(0, SNIFF_BYTES));
    if (kind === "binary" && !opts.readBinary) return { kind: "skip" };
    if (kind !== "binary" && kind !== "utf-8" && kind !== "utf-16le" && kind !== "utf-16be")
      return { kind: "defer", size: obj.size };
    const dec = byteDecoder(kind);
    split([dec.write(bytes), dec.end()], opts, pieceMatcher(engine, job.path, budget, pieces));
    return { kind: kind === "binary" ? "binary" : "text", bytes: bytes.length, pieces };
  } catch (err) {
    if (overBudget(err)) return { kind: "defer", size: obj.size };
    return { kind: "error", reason: readReason(err) };
  }
}
