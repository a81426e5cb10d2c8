/**
 * One target of a sweep into the store: the scan's findings committed in batches (batcher.ts),
 * each with the cursor it reaches, one transaction at a time in order; copies declared gone only
 * when the target was read in full. Shared by the in-process sweep and the queue's workers.
 */
import { containerKey } from "../findings.js";
import type { Manifest } from "../manifest/index.js";
import { type ScanOptions, type ScanRun, scan, type TargetStats } from "../scan.js";
import type { RunHandle, SweepStore } from "../store/index.js";
import type { ScanError } from "../types.js";
import { Batcher } from "./batcher.js";
import type { SweepConfig, SweepTarget } from "./config.js";
import { isBounded } from "./cursor.js";

/** What a target needs besides the store: the loaded manifests and the scan's settings. */
export interface TargetContext {
  config: Pick<SweepConfig, "rules">;
  manifests: Manifest[];
  env?: Record<string, string | undefined>;
  stdin?: NodeJS.ReadableStream;
  signal?: AbortSignal;
  workers?: number;
  onProgress?: (t: TargetStats) => void;
  scanOptions?: Partial<ScanOptions>;
  scan?: (options: ScanOptions) => ScanRun;
}

/** What a target's read gave: its counters and unreadable items. */
export interface TargetResult {
  stats: TargetStats;
  errors: ScanError[];
}

/** Store writes one after another: a cursor is never committed before the batches before it. */
function serialWrites() {
  let chain: Promise<void> = Promise.resolve();
  let failed: unknown;
  return {
    push(write: () => Promise<void>) {
      chain = chain.then(write).catch((err) => {
        failed ??= err;
      });
    },
    async drain() {
      await chain;
      if (failed) throw failed;
    },
  };
}

/** The scan of one target: resumes from `start`, reports its cursor and reads to the batcher. */
function targetScan(
  t: SweepTarget,
  ctx: TargetContext,
  start: string | undefined,
  batcher: Batcher,
  onContainer?: (key: string) => void,
): ScanRun {
  return (ctx.scan ?? scan)({
    ...ctx.scanOptions,
    ...t.options,
    targets: [t.target],
    manifests: ctx.manifests,
    ...(ctx.config.rules !== undefined && { rules: ctx.config.rules }),
    env: ctx.env,
    stdin: ctx.stdin,
    signal: ctx.signal,
    workers: ctx.workers,
    resume: { start, advance: (value) => batcher.cursor(value) },
    onChunk: (chunk) => {
      batcher.chunkRead();
      onContainer?.(containerKey(chunk.provenance));
    },
    onProgress: (ts) => {
      batcher.chunkDrained();
      ctx.onProgress?.({ ...ts, target: t.key });
    },
  });
}

/**
 * What a finished read may declare gone: every copy not seen again after a full read, only those
 * in the containers read after an incremental one, nothing after a partial one.
 */
function goneOf(stats: TargetStats, incremental: boolean, containers: Set<string>) {
  if (stats.status !== "done") return undefined;
  return incremental ? { all: false as const, containers } : { all: true as const };
}

/** Scans one target into the store. */
export async function sweepTarget(
  store: SweepStore,
  run: RunHandle,
  t: SweepTarget,
  ctx: TargetContext,
): Promise<TargetResult> {
  const start = await store.cursor(t.key);
  // a read that starts from a resume point or a date bound cannot tell that a copy is gone
  const incremental = start !== undefined || isBounded(t.target, t.options);
  const containers = new Set<string>();
  const writes = serialWrites();
  const batcher = new Batcher((findings, cursor) =>
    writes.push(() => store.write(run, { target: t.key, findings, cursor })),
  );
  await store.startTarget(run, t.key);
  const scanRun = targetScan(t, ctx, start, batcher, incremental ? (k) => containers.add(k) : undefined);
  try {
    for await (const f of scanRun) batcher.finding(f);
    batcher.end();
  } finally {
    batcher.stop();
    await writes.drain();
  }
  const stats = { ...scanRun.targets[0]!, target: t.key }; // the store keys targets as written
  if (ctx.signal?.aborted && stats.status === "done") stats.status = "partial";
  await store.finishTarget(run, stats, scanRun.errors, goneOf(stats, incremental, containers));
  return { stats, errors: scanRun.errors };
}
