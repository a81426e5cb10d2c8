/**
 * Matching on both cores: chunks go to worker threads that each build the match engine from the
 * same plain config; results come back in submission order. Small scans stay on the main
 * thread (a pre-commit hook must not pay for starting workers): the pool starts only after
 * `inlineBytes` of text, and only when the compiled worker file exists (not under vitest).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SyncReadOptions } from "../content/file-sync.js";
import type { RawMatch, TextMatcher } from "../types.js";
import { type FileJob, type FileResult, runFileJobs } from "./file-job.js";
import { createMatchEngine, type MatchEngine, type MatchEngineConfig } from "./index.js";

interface Pending {
  resolve(m: unknown): void;
  reject(e: unknown): void;
}

/** A worker's answer: matches of a text, or the results of a batch of files. */
interface Answer {
  id: number;
  matches?: RawMatch[];
  files?: FileResult[];
  error?: string;
}

/**
 * A worker's old-generation cap: 64 MB (a chunk and its views, compiled rules) plus four times
 * the manifests' packed strings it copies (ids, fingerprints), so a big manifest never runs out.
 */
function oldGenMb(config: MatchEngineConfig): number {
  let chars = 0;
  for (const m of config.manifests) {
    const p = m.packed;
    chars += p ? p.ids.length + p.fps.length + p.pems.length : 200 * (m.entries?.length ?? 0);
  }
  return 64 + Math.ceil((4 * chars) / (1 << 20));
}

/**
 * Text matched on the main thread before workers start. Each worker boots in about 0.4 s of CPU
 * (modules, compiled rules) on a core the main thread then shares: a 13 MB pattern scan of 1,000
 * files took 2.4 s of CPU with workers and 1.3 s without, and was no faster. Past 32 MB the
 * second core pays for them (a known hunt clears 32 MB in about 0.3 s on one core).
 */
const INLINE_BYTES = 32 << 20;
/** The same without pattern rules: a worker then boots fast (no rules to compile), so 8 MB. */
const KNOWN_INLINE_BYTES = 8 << 20;

/** Chunks shorter than this are matched on the main thread even when workers run. */
const SMALL_CHUNK = 16 << 10;

/** Runs matching inline or on worker threads. */
export class MatchPool {
  private inline?: MatchEngine;
  private workers: { w: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private bytes = 0;
  private readonly workerFile = fileURLToPath(new URL("./worker.js", import.meta.url));
  constructor(
    private readonly config: MatchEngineConfig,
    private readonly opts: { workers?: number; inlineBytes?: number; matcher?: TextMatcher } = {},
  ) {
    this.inline = opts.matcher;
  }

  private engine(): MatchEngine {
    this.inline ??= createMatchEngine(this.config);
    return this.inline;
  }

  private startWorkers(): boolean {
    if (this.workers.length) return true;
    const n = this.opts.workers ?? Math.min(2, availableParallelism());
    if (n < 2 || !existsSync(this.workerFile)) return false;
    for (let i = 0; i < n; i++) {
      // A small young generation and a capped old one keep each worker's heap (and the process's
      // RSS) bounded: a worker holds its copy of the packed manifest and one chunk's garbage.
      const w = new Worker(this.workerFile, {
        workerData: this.config,
        resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: oldGenMb(this.config) },
      });
      const slot = { w, busy: 0 };
      w.on("message", (msg: Answer) => {
        slot.busy--;
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error !== undefined) p?.reject(new Error(msg.error));
        else p?.resolve(msg.files ?? msg.matches ?? []);
      });
      w.on("error", (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(slot);
    }
    return true;
  }

  /** Counts bytes matched; true when work this size goes to the workers. */
  private offload(bytes: number, size: number): boolean {
    this.bytes += bytes;
    const inline = this.opts.inlineBytes ?? (this.config.rules?.length ? INLINE_BYTES : KNOWN_INLINE_BYTES);
    // workers boot (load modules, build their engines) while the last quarter is matched inline
    if (!this.opts.matcher && this.bytes > inline * 0.75) this.startWorkers();
    // A small chunk (a message, a HAR field, a small blob) costs more to post than to match here.
    return !this.opts.matcher && size >= SMALL_CHUNK && this.bytes > inline && this.startWorkers();
  }

  /** Posts a message to the least busy worker; resolves with its answer. */
  private post<T>(msg: object): Promise<T> {
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      slot.w.postMessage({ id, ...msg });
    });
  }

  /** The byte checks on a small binary item, on this thread (a key file is a few KB). */
  findBytes(bytes: Uint8Array, name: string): RawMatch[] {
    return this.engine().findBytes?.(bytes, name) ?? [];
  }

  /** Finds matches in text; resolves in the order of the calls' completion, callers keep order. */
  find(text: string, path?: string): Promise<RawMatch[]> {
    if (this.offload(text.length, text.length)) return this.post({ text, path });
    try {
      return Promise.resolve(this.engine().find(text, path));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Reads and matches a batch of files: on a worker once the scan is large (the main thread
   * then only walks and merges), else here with synchronous reads.
   */
  findFiles(jobs: FileJob[], opts: SyncReadOptions): Promise<FileResult[]> {
    if (this.offload(0, SMALL_CHUNK)) return this.post({ files: jobs, opts });
    try {
      const results = runFileJobs(this.engine(), jobs, opts);
      for (const r of results) if (r.kind === "text" || r.kind === "binary") this.offload(r.bytes, 0);
      return Promise.resolve(results);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** How many chunks may be in flight at once. */
  get parallelism(): number {
    // ~100 KiB chunks: four per worker keep them busy through a main-thread pause
    return Math.max(1, this.workers.length * 4);
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((s) => s.w.terminate()));
    this.workers = [];
  }
}
