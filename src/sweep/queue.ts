/**
 * The sweep's side of the queue: one BullMQ job per shard of the run, with an id derived from
 * the store, the run and the target (adding it again is a no-op, so re-running a sweep whose run
 * is open never doubles work), then a wait for every job, with progress. A job that failed its
 * last attempt becomes a failed target with an error item; the run goes on.
 */
import { createHash } from "node:crypto";
import { Job, Queue } from "bullmq";
import type { TargetStats } from "../scan.js";
import type { RunHandle, SweepStore } from "../store/index.js";
import type { SweepTarget } from "./config.js";
import { QUEUE_NAME, redisConnection } from "./redis.js";
import type { TargetResults } from "./run.js";
import type { TargetResult } from "./target.js";

/** What a shard job carries: where to read the target and where to write. No secret, no password. */
export interface ShardJob {
  config: string;
  key: string;
  run: number;
  store: string;
}

/** Options of a queued sweep. */
export interface QueueOptions {
  url: string;
  name?: string;
  /** The sweep config file (absolute): workers read their target from it. */
  configFile: string;
  /** Tries per shard before it ends as an error item (default 3). */
  attempts?: number;
  signal?: AbortSignal;
  /** Called when a shard ends. */
  onShard?: (done: number, total: number, stats: TargetStats) => void;
}

/** The job id of a shard: same store, run and target, same id. */
export function shardJobId(store: string, run: number, key: string): string {
  return createHash("sha256").update(`${store}\0${run}\0${key}`).digest("hex").slice(0, 32);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A failed target's counters. */
function failedStats(target: string): TargetStats {
  return { target, status: "failed", items: 0, bytes: 0, skipped: 0, findings: 0, errors: 1 };
}

/** The dispatch of runSweep that sends each target to the queue and waits for the workers. */
export function queueDispatch(opts: QueueOptions) {
  return async (store: SweepStore, run: RunHandle, targets: SweepTarget[]): Promise<TargetResults> => {
    const connection = redisConnection(opts.url);
    const queue = new Queue<ShardJob>(opts.name ?? QUEUE_NAME, { connection });
    const attempts = opts.attempts ?? 3;
    try {
      const ids = targets.map((t) => shardJobId(store.location, run.id, t.key));
      await queue.addBulk(
        targets.map((t, i) => ({
          name: "shard",
          data: { config: opts.configFile, key: t.key, run: run.id, store: store.location },
          opts: {
            jobId: ids[i],
            attempts,
            backoff: { type: "exponential", delay: 1000 },
            removeOnComplete: { age: 7 * 86400 },
            removeOnFail: { age: 7 * 86400 },
          },
        })),
      );
      return await waitAll(queue, store, run, targets, ids, opts);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  };
}

/** Polls the jobs until each has completed or failed for good (or the signal stops the wait). */
async function waitAll(
  queue: Queue<ShardJob>,
  store: SweepStore,
  run: RunHandle,
  targets: SweepTarget[],
  ids: string[],
  opts: QueueOptions,
): Promise<TargetResults> {
  const out: (TargetResult | undefined)[] = targets.map(() => undefined);
  let ended = 0;
  while (ended < targets.length && !opts.signal?.aborted) {
    for (const [i, id] of ids.entries()) {
      if (out[i]) continue;
      const state = await queue.getJobState(id);
      if (state !== "completed" && state !== "failed") continue;
      const job = await Job.fromId<ShardJob, TargetResult>(queue, id);
      out[i] = state === "completed" ? job!.returnvalue : await recordFailure(store, run, targets[i]!, job);
      ended++;
      opts.onShard?.(ended, targets.length, out[i]!.stats);
    }
    if (ended < targets.length) await sleep(200);
  }
  return out.map(
    (r, i) => r ?? { stats: { ...failedStats(targets[i]!.key), status: "partial", errors: 0 }, errors: [] },
  );
}

/** A shard that failed its last attempt: a failed target with one error item naming why. */
async function recordFailure(
  store: SweepStore,
  run: RunHandle,
  t: SweepTarget,
  job: Job<ShardJob> | undefined,
): Promise<TargetResult> {
  const stats = failedStats(t.key);
  const why = job?.failedReason ?? "the job disappeared from the queue";
  const errors = [
    { source: t.key, item: t.key, reason: `failed after ${job?.attemptsMade ?? 0} attempts: ${why}` },
  ];
  await store.startTarget(run, t.key);
  await store.finishTarget(run, stats, errors);
  return { stats, errors };
}
