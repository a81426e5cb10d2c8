/**
 * A sweep: one scan per config target (target.ts), in process, or spread over workers through a
 * queue (queue.ts). `--shard i/n` runs one slice: shards of one night join the open run, and the
 * one that completes its targets ends it.
 */
import path from "node:path";
import type { Manifest } from "../manifest/index.js";
import { prepareScan, type ScanOptions, type ScanRun, type TargetStats } from "../scan.js";
import { DEFAULT_DB, type RunHandle, type SweepStore, storeFailure } from "../store/index.js";
import { openSweepStore } from "../store/open.js";
import type { ScanError } from "../types.js";
import type { SweepConfig } from "./config.js";
import { type ShardSlice, shardTargets } from "./shards.js";

export { parseShard, type ShardSlice } from "./shards.js";

import { sweepTarget } from "./target.js";

/** Options of a sweep run from the library or the CLI. */
export interface SweepOptions {
  config: SweepConfig;
  /** The store: a SQLite file or postgres://…; overrides the config's (default .residue/residue.db under cwd). */
  db?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** The manifests' key file (--key-file). */
  keyFile?: string;
  /** Standard input, for a `-` target. */
  stdin?: NodeJS.ReadableStream;
  signal?: AbortSignal;
  workers?: number;
  /** Only this slice of the targets (--shard i/n). */
  shard?: ShardSlice;
  /** Called after every chunk with the target's running counters (progress display). */
  onProgress?: (t: TargetStats) => void;
  /** Extra scan options for every target (library callers: a matcher, chunk size...). */
  scanOptions?: Partial<ScanOptions>;
  /** The scan function (tests pass a fake one). */
  scan?: (options: ScanOptions) => ScanRun;
  /**
   * Runs the targets elsewhere (a queue's workers) instead of in process; resolves to their
   * results in the order given.
   */
  dispatch?: (store: SweepStore, run: RunHandle, targets: SweepConfig["targets"]) => Promise<TargetResults>;
}

/** Counters and errors per target. */
export type TargetResults = { stats: TargetStats; errors: ScanError[] }[];

/** What a sweep did. */
export interface SweepResult {
  run: number;
  resumed: boolean;
  db: string;
  targets: TargetStats[];
  errors: ScanError[];
  counts: { new: number; surviving: number; gone: number };
  /** True when a signal stopped it; the next sweep resumes the run. */
  interrupted: boolean;
}

/** The store a sweep writes: the option, the config's `store:` or `db:`, or the default. */
export function storeLocation(opts: Pick<SweepOptions, "config" | "db" | "cwd">): string {
  return (
    opts.db ?? opts.config.store ?? opts.config.db ?? path.resolve(opts.cwd ?? process.cwd(), DEFAULT_DB)
  );
}

type Targets = SweepConfig["targets"];
type Results = Map<string, TargetResults[number]>;

/** Reads the targets not yet done in this run: through `dispatch`, or one after another here. */
async function readTargets(
  store: SweepStore,
  run: RunHandle,
  todo: Targets,
  opts: SweepOptions,
  manifests: Manifest[],
): Promise<Results> {
  const results: Results = new Map();
  if (opts.dispatch) {
    const out = await opts.dispatch(store, run, todo);
    for (const [i, t] of todo.entries()) results.set(t.key, out[i]!);
    return results;
  }
  for (const t of todo) {
    if (opts.signal?.aborted) break;
    results.set(t.key, await sweepTarget(store, run, t, { ...opts, manifests }));
  }
  return results;
}

/** The counters and errors of this shard's targets: read now, or as stored by an earlier try of the run. */
async function shardResults(store: SweepStore, run: RunHandle, mine: Targets, results: Results) {
  const rows = await store.targets(run.id);
  const targets: TargetStats[] = [];
  const errors: ScanError[] = [];
  for (const t of mine) {
    const r = results.get(t.key);
    const row = rows.find((x) => x.target === t.key);
    if (r) {
      errors.push(...r.errors);
      targets.push(r.stats);
    } else if (row)
      targets.push({
        ...row,
        status: row.status as TargetStats["status"],
        endedAt: row.endedAt ?? undefined,
      });
  }
  return { targets, errors };
}

/** Ends the run when every target of the config has ended (partial when any was not read in full). */
async function finishIfComplete(store: SweepStore, run: RunHandle, config: SweepConfig): Promise<void> {
  if (!(await complete(store, run, config))) return;
  const bad = (await store.targets(run.id)).some((t) => t.status === "failed" || t.status === "partial");
  await store.finishRun(run, bad ? "partial" : "done");
}

/** Runs a sweep and closes the store. */
export async function runSweep(opts: SweepOptions): Promise<SweepResult> {
  // load manifests and rules once, before the run starts: a bad one fails the sweep cleanly
  const { manifests, meta } = await prepareScan({
    targets: [],
    manifests: opts.config.manifests,
    ...(opts.config.rules !== undefined && { rules: opts.config.rules }),
    ...(opts.env && { env: opts.env }),
    ...(opts.keyFile && { keyFile: opts.keyFile }),
  });
  const store = await openSweepStore(storeLocation(opts));
  let release: (() => Promise<void>) | undefined;
  try {
    // shards of one sweep run side by side on a shared store: they join one run instead
    if (!opts.shard) release = await store.lock();
    const run = await store.startRun(opts.config.file);
    await store.saveSecrets(run, meta.secrets);
    const mine = shardTargets(opts.config.targets, opts.shard);
    const todo = mine.filter((t) => !run.done.has(t.key));
    const results = await readTargets(store, run, todo, opts, manifests);
    const { targets, errors } = await shardResults(store, run, mine, results);
    const interrupted = !!opts.signal?.aborted;
    if (!interrupted) await finishIfComplete(store, run, opts.config);
    const counts = await store.counts(run.id);
    return { run: run.id, resumed: run.resumed, db: store.location, targets, errors, counts, interrupted };
  } catch (err) {
    // a damaged store shows mid-run: the error names it and says what to do
    throw storeFailure(store.location, err);
  } finally {
    await release?.();
    await store.close();
  }
}

/** Whether every target of the config has ended in this run (the last shard ends the run). */
async function complete(store: SweepStore, run: RunHandle, config: SweepConfig): Promise<boolean> {
  const ended = new Set((await store.targets(run.id)).filter((t) => t.endedAt).map((t) => t.target));
  return config.targets.every((t) => ended.has(t.key));
}

/** The exit status of a sweep: 1 new copies (per failOn), 3 a target failed or was partial, else 0. */
export function sweepStatus(r: SweepResult, failOn: SweepConfig["failOn"]): number {
  const hit = failOn === "any" ? r.counts.new + r.counts.surviving : failOn === "new" ? r.counts.new : 0;
  if (hit > 0) return 1;
  return r.targets.some((t) => t.status === "failed" || t.status === "partial") || r.interrupted ? 3 : 0;
}
