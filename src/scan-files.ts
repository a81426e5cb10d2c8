/**
 * Files read off the main thread: a folder's files go to the match pool in batches of paths,
 * and the pool reads, decides, decodes and matches each where it matches (a worker thread once
 * the scan is large). What comes back is merged here into chunks and matches, in order. A file
 * the synchronous reader leaves alone (an archive, a HAR, a huge file) comes back as its item,
 * for the streaming content layer on the main thread.
 */
import { type Pos, shiftPos } from "./content/file-range.js";
import type { SyncReadOptions } from "./content/file-sync.js";
import { chunksOf } from "./content/read.js";
import { chunkOptions } from "./content/text.js";
import type { FileJob, FileResult } from "./match/file-job.js";
import type { ByteItem, Chunk, Item, RawMatch, SourceContext } from "./types.js";

/**
 * A chunk and its matches (`offThread`: read by the file reader, not yet shown to `onChunk`), or
 * an item left to the streaming layer (read when its turn comes).
 */
export type Matched = { chunk: Chunk; matches: RawMatch[]; offThread?: true } | { item: ByteItem };

/** Files per batch: one message each way per batch, not per file. */
const BATCH = 32;
/**
 * Larger files are read in ranges of this size, each a job of its own (file-range.ts): one worker
 * reading a huge file alone would leave the other idle once the look-ahead is used up.
 */
const MAX_FILE = 4 << 20;
/** Ranges of one file in flight at once (their matched text is held until merged). */
const RANGES = 4;
/** Where a file starts. */
const START: Pos = { line: 1, column: 1 };

/** A file (or range) read as text or binary. */
type Read = Extract<FileResult, { pieces: unknown }>;

/** True for a plain file on disk not yet read (the folder source's files). */
export function readsOffThread(item: Item): item is ByteItem {
  return (
    "bytes" in item &&
    typeof item.bytes === "function" &&
    !!item.file &&
    !item.as &&
    !item.patch &&
    !item.transient
  );
}

/** Runs a batch of file jobs (the match pool, or a reader that only counts). */
export type FileRunner = (jobs: FileJob[], opts: SyncReadOptions) => Promise<FileResult[]>;

/** Collects files and sends them as one batch. */
export class FileBatch {
  private items: ByteItem[] = [];
  private readonly opts: SyncReadOptions;
  constructor(
    private readonly run: FileRunner,
    private readonly ctx: SourceContext,
  ) {
    this.opts = { readBinary: ctx.readBinary, maxBytes: MAX_FILE, chunk: chunkOptions(ctx) };
  }

  /** Files waiting to be sent. */
  get size(): number {
    return this.items.length;
  }

  /** Adds a file; true when the batch is full (then flush it). */
  add(item: ByteItem): boolean {
    this.items.push(item);
    return this.items.length >= BATCH;
  }

  /** Sends the files collected; resolves with their chunks and matches, in order. */
  async flush(): Promise<Matched[]> {
    const items = this.items;
    this.items = [];
    const jobs = items.map(jobOf);
    const results = await this.run(jobs, this.opts);
    const out: Matched[] = [];
    for (const [i, r] of results.entries()) out.push(...(await this.merge(items[i]!, r)));
    return out;
  }

  private async merge(item: ByteItem, r: FileResult): Promise<Matched[]> {
    if (r.kind === "error") this.ctx.error(item.id, r.reason);
    if (r.kind === "skip") this.ctx.skip("binary");
    if (r.kind === "defer") return [{ item }];
    if (r.kind !== "text" && r.kind !== "binary") return [];
    const binary = r.kind === "binary";
    // binary is read for known secrets only: counted as skipped for pattern rules, its bytes as read
    if (binary) this.ctx.skip("binary");
    this.ctx.count(binary ? { bytes: r.bytes } : { items: 1, bytes: r.bytes });
    const out = await this.chunks(item, r, START);
    if (r.found) out.push(this.bytesFound(item, r.found));
    if (r.split) out.push(...(await this.rest(item, r, shiftPos(START, r.end ?? START))));
    return out;
  }

  /** What the byte checks found in a whole file: one empty text chunk at line 1, column 1. */
  private bytesFound(item: ByteItem, matches: RawMatch[]): Matched {
    const { provenance, id } = item;
    const chunk: Chunk = { text: "", line: 1, column: 1, provenance, target: this.ctx.target, item: id };
    return { chunk, matches, offThread: true };
  }

  /** The chunks of a read file or range starting at `base`. */
  private async chunks(item: ByteItem, r: Read, base: Pos): Promise<Matched[]> {
    const out: Matched[] = [];
    for (const p of r.pieces) {
      // a piece is text already decoded: the content layer makes it a chunk of the item
      const piece = { id: item.id, provenance: item.provenance, text: p.text ?? "", ...shiftPos(base, p) };
      for await (const c of chunksOf(piece, this.ctx)) {
        const chunk: Chunk = { ...c, ...(p.tailStart !== undefined && { tailStart: p.tailStart }) };
        if (r.kind === "binary") chunk.binary = true;
        out.push({ chunk, matches: p.matches, offThread: true });
      }
    }
    return out;
  }

  /** The remaining ranges of a split file, RANGES in flight, merged in order; stops at an error. */
  private async rest(item: ByteItem, first: Read, base: Pos): Promise<Matched[]> {
    const { size, next, encoding } = first.split!;
    const jobs: FileJob[] = [];
    for (let from = next; from < size; from += MAX_FILE)
      jobs.push({ ...jobOf(item), range: { from, to: Math.min(size, from + MAX_FILE), size, encoding } });
    const flying: Promise<FileResult[]>[] = [];
    const launch = (k: number) => {
      if (k >= jobs.length) return;
      const p = this.run([jobs[k]!], this.opts);
      p.catch(() => {}); // awaited in turn, or abandoned after an error
      flying.push(p);
    };
    for (let k = 0; k < RANGES; k++) launch(k);
    const out: Matched[] = [];
    for (let k = 0; flying.length; k++) {
      const [r] = await flying.shift()!;
      launch(k + RANGES);
      if (r?.kind === "error") this.ctx.error(item.id, r.reason);
      if (r?.kind !== "text" && r?.kind !== "binary") break;
      this.ctx.count({ bytes: r.bytes });
      out.push(...(await this.chunks(item, r, base)));
      base = shiftPos(base, r.end ?? START);
    }
    return out;
  }
}

/** The job of a file: where it is, its name, the path path-aware rules see. */
function jobOf(i: ByteItem): FileJob {
  return {
    file: i.file!,
    name: i.name,
    ...(typeof i.provenance.path === "string" && { path: i.provenance.path }),
  };
}
