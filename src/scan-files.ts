/**
 * Files read off the main thread: a folder's files go to the match pool in batches of paths,
 * and the pool reads, decides, decodes and matches each where it matches (a worker thread once
 * the scan is large). What comes back is merged here into chunks and matches, in order. A file
 * the synchronous reader leaves alone (an archive, a HAR, a huge file) comes back as its item,
 * for the streaming content layer on the main thread.
 */
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
 * Larger files are streamed on the main thread, their chunks matched on both workers (one worker
 * reading a huge file alone would leave the other idle once the look-ahead is used up).
 */
const MAX_FILE = 4 << 20;

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
    const jobs = items.map((i) => ({
      file: i.file!,
      name: i.name,
      ...(typeof i.provenance.path === "string" && { path: i.provenance.path }),
    }));
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
    const out: Matched[] = [];
    for (const p of r.pieces) {
      // a piece is text already decoded: the content layer makes it a chunk of the item
      const piece = {
        id: item.id,
        provenance: item.provenance,
        text: p.text ?? "",
        line: p.line,
        column: p.column,
      };
      for await (const c of chunksOf(piece, this.ctx)) {
        const chunk: Chunk = { ...c, ...(p.tailStart !== undefined && { tailStart: p.tailStart }) };
        if (binary) chunk.binary = true;
        out.push({ chunk, matches: p.matches, offThread: true });
      }
    }
    return out;
  }
}
