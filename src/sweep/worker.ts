/**
 * A queue worker (`residue worker --queue redis://…`): takes shard jobs from BullMQ and sweeps
 * each target into the store named by the job (or `--store`, which may carry a password the job
 * never does). Killed mid-job, its lock lapses and another worker takes the job again (BullMQ's
 * stalled-job check); that attempt starts from the cursor the store committed, and upserts by
 * stable id make the re-read of anything after it a no-op.
 */
import { UnrecoverableError, Worker } from "bullmq";
import { prepareScan } from "../scan.js";
import type { SweepStore } from "../store/index.js";
import { openSweepStore } from "../store/open.js";
import { loadSweepConfig } from "./config.js";
import type { ShardJob } from "./queue.js";
import { QUEUE_NAME, redisConnection } from "./redis.js";
import { sweepTarget, type TargetResult } from "./target.js";

/** Options of a worker. */
export interface WorkerOptions {
  url: string;
  name?: string;
  /** Jobs at a time in this process (default 1). */
  concurrency?: number;
  /** The store for every job, instead of the one the job names. */
  store?: string;
  env?: Record<string, string | undefined>;
  keyFile?: string;
  /** Matching threads per job. */
  workers?: number;
  /** How long a job's lock lasts without renewal: a killed worker's job is taken again after it. */
  lockMs?: number;
  /** Called when a job ends (for the log line). */
  onJob?: (key: string, outcome: string) => void;
}

type Prepared = Awaited<ReturnType<typeof prepareScan>>;

/** Starts a worker; resolves to its close (which waits for the jobs in hand). */
export async function startWorker(opts: WorkerOptions): Promise<() => Promise<void>> {
  const stores = new Map<string, Promise<SweepStore>>();
  const prepared = new Map<string, Promise<Prepared>>();
  const storeFor = (location: string) => {
    let s = stores.get(location);
    if (!s) {
      s = openSweepStore(location);
      s.catch(() => stores.delete(location));
      stores.set(location, s);
    }
    return s;
  };
  const process = async (data: ShardJob): Promise<TargetResult> => {
    const config = loadSweepConfig(data.config);
    const t = config.targets.find((x) => x.key === data.key);
    if (!t) throw new UnrecoverableError(`${data.config}: no target ${data.key} in the config any more`);
    const key = `${data.config}\0${config.manifests.join("\0")}`;
    let p = prepared.get(key);
    if (!p) {
      p = prepareScan({
        targets: [],
        manifests: config.manifests,
        ...(config.rules !== undefined && { rules: config.rules }),
        ...(opts.env && { env: opts.env }),
        ...(opts.keyFile && { keyFile: opts.keyFile }),
      });
      prepared.set(key, p);
    }
    const { manifests } = await p;
    const store = await storeFor(opts.store ?? data.store);
    const run = { id: data.run, resumed: true, done: new Set<string>() };
    return sweepTarget(store, run, t, { config, manifests, env: opts.env, workers: opts.workers });
  };
  const connection = redisConnection(opts.url);
  const lockDuration = opts.lockMs ?? 30_000;
  const worker = new Worker<ShardJob, TargetResult>(opts.name ?? QUEUE_NAME, (job) => process(job.data), {
    connection,
    concurrency: opts.concurrency ?? 1,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 3,
  });
  worker.on("error", () => {}); // connection trouble: ioredis reconnects
  worker.on("active", (job) => opts.onJob?.(job.data.key, "started"));
  worker.on("completed", (job) => opts.onJob?.(job.data.key, job.returnvalue.stats.status));
  worker.on("failed", (job, err) => job && opts.onJob?.(job.data.key, `attempt failed: ${err.message}`));
  await worker.waitUntilReady();
  return async () => {
    await worker.close();
    connection.disconnect();
    for (const s of stores.values()) await (await s.catch(() => undefined))?.close();
  };
}
