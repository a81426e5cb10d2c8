/**
 * One target of a scan: its source's items are matched in order (plain files in batches read off
 * the main thread, everything else chunk by chunk with bounded look-ahead) and their findings come
 * out in source order. A source that throws marks the target failed; what was read is kept.
 */
import { scanFindings } from "./chunk-findings.js";
import { readItem } from "./content/read.js";
import { reasonOf } from "./errors.js";
import type { FindingBuilder } from "./findings.js";
import { itemPathOf } from "./match/paths.js";
import type { Carry } from "./overlap.js";
import { FileBatch, type FileRunner, type Matched, readsOffThread } from "./scan-files.js";
import type { PlannedTarget, ScanOptions, TargetStats } from "./scan-options.js";
import type { Chunk, Finding, FindingFolder, Item, RawMatch, ScanStats, SourceContext } from "./types.js";

/** What every target of a scan shares: the matcher, the file reader and the finding builder. */
export interface Matching {
  /** Matches one chunk's text (`path`: the item's path, for rules scoped to paths). */
  match(text: string, path?: string): Promise<RawMatch[]>;
  /** Runs the byte checks on a small binary item's bytes (`name`: its path or name). */
  matchBytes(bytes: Uint8Array, name: string): Promise<RawMatch[]>;
  /** Reads and matches a batch of files. */
  files: FileRunner;
  /** How many chunks or batches may be in flight (the look-ahead). */
  parallelism(): number;
  builder: FindingBuilder;
}

/** A chunk of a streamed item, its matches on the way. */
type Ahead = { chunk: Chunk; matches: Promise<RawMatch[]> };

/** Scans one target: `run()` yields its findings and fills in `t` and the scan's `stats`. */
export class TargetScan {
  /** Each entry: one chunk, or a batch of files read and matched off the main thread. */
  private readonly queue: Promise<Matched[]>[] = [];
  private readonly carry: Carry = { ends: new Map() };
  private readonly batch: FileBatch;
  /** Set when the source folds findings itself (they come out when it is done). */
  private folder: FindingFolder | undefined;

  constructor(
    private readonly t: TargetStats,
    private readonly ctx: SourceContext,
    private readonly m: Matching,
    private readonly options: ScanOptions,
    private readonly stats: ScanStats,
  ) {
    this.batch = new FileBatch(m.files, ctx);
  }

  /** Reads the planned target's source to the end; never throws for the source's faults. */
  async *run(planned: PlannedTarget): AsyncGenerator<Finding> {
    const { t, ctx } = this;
    t.status = "running";
    t.startedAt = new Date().toISOString();
    try {
      const source = await planned.descriptor.create(planned.target, planned.options, ctx);
      this.folder = source.folder?.();
      for await (const item of source.items(this.options.signal)) yield* this.item(item);
      if (this.batch.size) this.send();
      yield* this.drain(0);
      t.status = t.errors ? "partial" : "done";
    } catch (err) {
      yield* this.drain(0);
      ctx.error(t.target, reasonOf(err));
      t.status = "failed";
    }
    for await (const f of this.folder?.done() ?? []) yield this.counted(f);
    t.endedAt = new Date().toISOString();
  }

  /** One item: a plain file joins the batch; anything else is read here, chunk by chunk. */
  private async *item(item: Item): AsyncGenerator<Finding> {
    if (readsOffThread(item)) {
      if (this.batch.add(item)) {
        this.send();
        yield* this.drain(this.m.parallelism());
      }
      return;
    }
    if (this.batch.size) this.send();
    for await (const chunk of readItem(item, this.ctx)) {
      this.options.onChunk?.(chunk, this.t.target);
      const matches = this.matchChunk(chunk).then((m) => [{ chunk, matches: m }]);
      matches.catch(() => {}); // handled when drained
      this.queue.push(matches);
      yield* this.drain(this.m.parallelism());
    }
  }

  private matchChunk(chunk: Chunk): Promise<RawMatch[]> {
    if (chunk.bytes) return this.m.matchBytes(chunk.bytes, itemPathOf(chunk) ?? "");
    return this.m.match(chunk.text, itemPathOf(chunk));
  }

  /** Sends the files collected to the file reader. */
  private send(): void {
    const p = this.batch.flush();
    p.catch(() => {}); // handled when drained
    this.queue.push(p);
  }

  /** Emits the findings of the queue's oldest entries until at most `limit` are left. */
  private async *drain(limit: number): AsyncGenerator<Finding> {
    while (this.queue.length > limit) {
      for (const m of await this.queue.shift()!) {
        if ("item" in m) {
          yield* this.streamed(m.item);
          continue;
        }
        if (m.offThread) this.options.onChunk?.(m.chunk, this.t.target);
        yield* this.emit(m.chunk, m.matches);
      }
    }
  }

  /** An item the file reader left alone (a large file, an archive), streamed here in its place. */
  private async *streamed(item: Item): AsyncGenerator<Finding> {
    const ahead: Ahead[] = [];
    for await (const chunk of readItem(item, this.ctx)) {
      this.options.onChunk?.(chunk, this.t.target);
      const matches = this.matchChunk(chunk);
      matches.catch(() => {}); // handled in turn
      ahead.push({ chunk, matches });
      yield* this.emitAhead(ahead, this.m.parallelism());
    }
    yield* this.emitAhead(ahead, 0);
  }

  /** Emits the oldest chunks of a streamed item until at most `limit` are in flight. */
  private async *emitAhead(ahead: Ahead[], limit: number): AsyncGenerator<Finding> {
    while (ahead.length > limit) {
      const head = ahead.shift()!;
      yield* this.emit(head.chunk, await head.matches);
    }
  }

  /** The findings of one matched chunk: yielded, or kept by the source's folder. */
  private *emit(chunk: Chunk, matches: RawMatch[]): Generator<Finding> {
    for (const f of scanFindings(chunk, matches, this.m.builder, this.carry, this.options.filters)) {
      if (this.folder) this.folder.add(f);
      else yield this.counted(f);
    }
    this.options.onProgress?.(this.t);
  }

  /** Counts a finding on its target and the scan. */
  private counted(f: Finding): Finding {
    this.t.findings++;
    this.stats.findings++;
    return f;
  }
}
