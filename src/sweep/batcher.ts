/**
 * Batches a target's findings into store transactions. A batch is committed when it holds
 * BATCH_FINDINGS findings or is BATCH_MS old — also while the source waits on a slow API or a
 * pipe (a timer) — so a killed sweep loses at most that. A cursor a source reports after reading
 * N chunks is committed only with a batch that holds the findings of those N chunks.
 */
import type { Finding } from "../types.js";

export const BATCH_FINDINGS = 500;
export const BATCH_MS = 200;

/** Collects findings and cursors of one target; `commit` writes one transaction. */
export class Batcher {
  private batch: Finding[] = [];
  private readonly cursors: { value: string; at: number }[] = [];
  private read = 0;
  private drained = 0;
  private lastCommit = Date.now();
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly commit: (findings: Finding[], cursor: string | undefined) => void) {}

  /** A chunk was read by the source (before matching). */
  chunkRead(): void {
    this.read++;
  }

  /** The source reached a position: every chunk read so far is before it. */
  cursor(value: string): void {
    this.cursors.push({ value, at: this.read });
    this.schedule();
  }

  /** A finding of a chunk being drained. */
  finding(f: Finding): void {
    this.batch.push(f);
  }

  /** All findings of the next chunk in order have been handed over. */
  chunkDrained(): void {
    this.drained++;
    this.flush(false);
  }

  /** The source is done: every chunk read has been drained; commit the rest. */
  end(): void {
    this.drained = this.read;
    this.flush(true);
    this.stop();
  }

  /** Stops the timer (the target ended or failed). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(force: boolean): void {
    if (!force && this.batch.length < BATCH_FINDINGS && Date.now() - this.lastCommit < BATCH_MS) {
      this.schedule();
      return;
    }
    this.lastCommit = Date.now();
    let cursor: string | undefined;
    while (this.cursors.length && this.cursors[0]!.at <= this.drained) cursor = this.cursors.shift()!.value;
    if (this.batch.length || cursor !== undefined) this.commit(this.batch, cursor);
    this.batch = [];
  }

  private schedule(): void {
    if (this.timer || (!this.batch.length && !this.cursors.length)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush(true);
    }, BATCH_MS);
    this.timer.unref();
  }
}
