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
import type { BlobJob, BlobResult } from "./sources/git/blob-job.js";
import type { ByteItem, Chunk, Item, RawMatch, SourceContext } from "./types.js";

/**
 * A chunk and its matches (`offThread`: read by the file reader, not yet shown to `onChunk`), or
 * an item left to the streaming layer (read when its turn comes).
 */
export type Matched = { chunk: Chunk; matches: RawMatch[]; offThread?: true } | { item: ByteItem };

/** Files per batch: one message each way per batch, not per file. */
const BATCH = 32;
/** History blobs per batch (split between the workers): most are a few KiB, cut to their change. */
const BLOB_BATCH = 128;
/**
 * Larger files are streamed on the main thread, their chunks matched on both workers (one worker
 * reading a huge file alone would leave the other idle once the look-ahead is used up).
 */
const MAX_FILE = 4 << 20;

/** True for a plain file on disk not yet read (the folder source's files), or a history blob. */
export function readsOffThread(item: Item): item is ByteItem {
  if ("bytes" in item && item.blob) return true;
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

/** Runs a batch of history blobs (the match pool's). */
export type BlobRunner = (jobs: BlobJob[], opts: SyncReadOptions) => Promise<BlobResult[]>;

/** Collects files and sends them as one batch. */
export class FileBatch {
  private items: ByteItem[] = [];
  private readonly opts: SyncReadOptions;
  constructor(
    private readonly run: FileRunner,
    private readonly ctx: SourceContext,
    private readonly runBlobs?: BlobRunner,
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
    return this.items.length >= (item.blob ? BLOB_BATCH : BATCH);
  }

  /** Sends the files collected; resolves with their chunks and matches, in order. */
  async flush(): Promise<Matched[]> {
    const items = this.items;
    this.items = [];
    const results = await this.results(items);
    const out: Matched[] = [];
    for (const [i, r] of results.entries()) out.push(...(await this.merge(items[i]!, r)));
    return out;
  }

  /** Runs the files and the blobs of a batch, each kind as one batch; their results in order. */
  private async results(items: ByteItem[]): Promise<FileResult[]> {
    const files = items.filter((i) => !i.blob);
    const blobs = items.filter((i) => i.blob);
    const [fileResults, blobResults] = await Promise.all([
      files.length
        ? this.run(
            files.map((i) => ({
              file: i.file!,
              name: i.name,
              ...(typeof i.provenance.path === "string" && { path: i.provenance.path }),
            })),
            this.opts,
          )
        : [],
      blobs.length
        ? this.runBlobs!(
            blobs.map((i) => i.blob!.job),
            this.opts,
          )
        : [],
    ]);
    let f = 0;
    let b = 0;
    return items.map((i) => (i.blob ? blobResults[b++]! : fileResults[f++]!));
  }

  private async merge(item: ByteItem, r: FileResult): Promise<Matched[]> {
    if (item.blob?.settle(r)) return [];
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
