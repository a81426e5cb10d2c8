/**
 * A sweep: one scan per config target, findings written to the store as they come (batched, see
 * batcher.ts), cursors advanced only with the findings before them, and copies declared gone
 * only for a target that was read in full.
 */
import path from "node:path";
import { containerKey } from "../findings.js";
import type { Manifest } from "../manifest/index.js";
import { prepareScan, type ScanOptions, type ScanRun, scan, type TargetStats } from "../scan.js";
import {
  DEFAULT_DB,
  lockStore,
  openStore,
  type RunHandle,
  type Store,
  storeFailure,
} from "../store/index.js";
import type { ScanError } from "../types.js";
import { Batcher } from "./batcher.js";
import type { SweepConfig, SweepTarget } from "./config.js";
import { isBounded } from "./cursor.js";

/** Options of a sweep run from the library or the CLI. */
export interface SweepOptions {
  config: SweepConfig;
  /** The store; overrides the config's `db` (default .residue/residue.db under cwd). */
  db?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** The manifests' key file (--key-file). */
  keyFile?: string;
  /** Standard input, for a `-` target. */
  stdin?: NodeJS.ReadableStream;
  signal?: AbortSignal;
  workers?: number;
  /** Called after every chunk with the target's running counters (progress display). */
  onProgress?: (t: TargetStats) => void;
  /** Extra scan options for every target (library callers: a matcher, chunk size...). */
  scanOptions?: Partial<ScanOptions>;
  /** The scan function (tests pass a fake one). */
  scan?: (options: ScanOptions) => ScanRun;
}

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

/** Runs a sweep and closes the store. */
export async function runSweep(opts: SweepOptions): Promise<SweepResult> {
  const db = opts.db ?? opts.config.db ?? path.resolve(opts.cwd ?? process.cwd(), DEFAULT_DB);
  // load manifests and rules once, before the run starts: a bad one fails the sweep cleanly
  const { manifests, meta } = await prepareScan({
    targets: [],
    manifests: opts.config.manifests,
    ...(opts.config.rules !== undefined && { rules: opts.config.rules }),
    ...(opts.env && { env: opts.env }),
    ...(opts.keyFile && { keyFile: opts.keyFile }),
  });
  const store = await openStore(db);
  let release: (() => void) | undefined;
  try {
    release = lockStore(db);
    const run = store.writer.startRun(opts.config.file);
    store.writer.saveSecrets(run, meta.secrets);
    const targets: TargetStats[] = [];
    const errors: ScanError[] = [];
    for (const t of opts.config.targets) {
      if (opts.signal?.aborted) break;
      if (run.done.has(t.key)) {
        targets.push(doneStats(store, run, t.key));
        continue;
      }
      const r = await sweepTarget(store, run, t, { ...opts, manifests });
      targets.push(r.stats);
      errors.push(...r.errors);
    }
    const interrupted = !!opts.signal?.aborted;
    if (!interrupted) {
      const bad = targets.some((t) => t.status === "failed" || t.status === "partial");
      store.writer.finishRun(run, bad ? "partial" : "done");
    }
    return {
      run: run.id,
      resumed: run.resumed,
      db,
      targets,
      errors,
      counts: store.reader.counts(run.id),
      interrupted,
    };
  } catch (err) {
    // a damaged store shows mid-run: the error names it and says what to do
    throw storeFailure(db, err);
  } finally {
    store.close();
    release?.();
  }
}

/** The counters a resumed run stored for a target it had finished. */
function doneStats(store: Store, run: RunHandle, key: string): TargetStats {
  const row = store.reader.targets(run.id).find((r) => r.target === key)!;
  return { ...row, target: key, status: "done", endedAt: row.endedAt ?? undefined };
}

/** Scans one target into the store. */
async function sweepTarget(
  store: Store,
  run: RunHandle,
  t: SweepTarget,
  opts: SweepOptions & { manifests: Manifest[] },
): Promise<{ stats: TargetStats; errors: ScanError[] }> {
  const { config } = opts;
  const start = store.writer.cursor(t.key);
  // a read that starts from a resume point or a date bound cannot tell that a copy is gone
  const incremental = start !== undefined || isBounded(t.target, t.options);
  const containers = new Set<string>();
  const batcher = new Batcher((findings, cursor) =>
    store.writer.write(run, { target: t.key, findings, cursor }),
  );
  store.writer.startTarget(run, t.key);
  const scanRun = (opts.scan ?? scan)({
    ...opts.scanOptions,
    ...t.options,
    targets: [t.target],
    manifests: opts.manifests,
    ...(config.rules !== undefined && { rules: config.rules }),
    env: opts.env,
    stdin: opts.stdin,
    signal: opts.signal,
    workers: opts.workers,
    resume: { start, advance: (value) => batcher.cursor(value) },
    onChunk: (chunk) => {
      batcher.chunkRead();
      if (incremental) containers.add(containerKey(chunk.provenance));
    },
    onProgress: (ts) => {
      batcher.chunkDrained();
      opts.onProgress?.({ ...ts, target: t.key });
    },
  });
  try {
    for await (const f of scanRun) batcher.finding(f);
    batcher.end();
  } finally {
    batcher.stop();
  }
  const stats = { ...scanRun.targets[0]!, target: t.key }; // the store keys targets as written
  if (opts.signal?.aborted && stats.status === "done") stats.status = "partial";
  const gone =
    stats.status === "done"
      ? incremental
        ? { all: false as const, containers }
        : { all: true as const }
      : undefined;
  store.writer.finishTarget(run, stats, scanRun.errors, gone);
  return { stats, errors: scanRun.errors };
}

/** The exit status of a sweep: 1 new copies (per failOn), 3 a target failed or was partial, else 0. */
export function sweepStatus(r: SweepResult, failOn: SweepConfig["failOn"]): number {
  const hit = failOn === "any" ? r.counts.new + r.counts.surviving : failOn === "new" ? r.counts.new : 0;
  if (hit > 0) return 1;
  return r.targets.some((t) => t.status === "failed" || t.status === "partial") || r.interrupted ? 3 : 0;
}
