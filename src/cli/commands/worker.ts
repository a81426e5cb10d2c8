/**
 * `residue worker --queue redis://HOST:PORT [--concurrency N] [--store URL]`: processes the shard
 * jobs of queued sweeps until interrupted (SIGINT/SIGTERM finish the jobs in hand first). Any
 * number of workers, on any machines that see the config's paths, the manifests and the store.
 */
import { UsageError } from "../../errors.js";
import { checkRedis } from "../../sweep/redis.js";
import { startWorker } from "../../sweep/worker.js";
import type { RegisterCommand } from "./types.js";

const positive = (name: string) => (v: string) => {
  if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`${name}: expected a positive whole number, got "${v}"`);
  return Number(v);
};

export const registerWorker: RegisterCommand = (program, io, exit) => {
  program
    .command("worker")
    .description("process the shards of queued sweeps (residue sweep --queue) until interrupted")
    .requiredOption("--queue <url>", "the Redis of the queue: redis://HOST:PORT")
    .option("--queue-name <name>", "the BullMQ queue (default residue-sweep)")
    .option("--concurrency <n>", "shards at a time in this process (default 1)", positive("--concurrency"))
    .option("--store <url>", "the store for every job (default: the one the sweep named)")
    .option("--workers <n>", "matching threads per shard (default 2)", (v) => Number.parseInt(v, 10))
    .option(
      "--lock-ms <ms>",
      "a killed worker's shard is taken again after this (default 30000)",
      positive("--lock-ms"),
    )
    .option(
      "--key-file <file>",
      "the manifests' key file (default: RESIDUE_MANIFEST_KEY, else the keys folder)",
    )
    .option("-q, --quiet", "no line per shard on stderr")
    .action(
      async (opts: {
        queue: string;
        queueName?: string;
        concurrency?: number;
        store?: string;
        workers?: number;
        lockMs?: number;
        keyFile?: string;
        quiet?: boolean;
      }) => {
        await checkRedis(opts.queue);
        const close = await startWorker({
          url: opts.queue,
          ...(opts.queueName && { name: opts.queueName }),
          ...(opts.concurrency && { concurrency: opts.concurrency }),
          ...(opts.store && { store: opts.store }),
          env: io.env,
          ...(opts.keyFile && { keyFile: opts.keyFile }),
          ...(opts.workers !== undefined && { workers: opts.workers }),
          ...(opts.lockMs && { lockMs: opts.lockMs }),
          onJob: (key, outcome) => {
            if (!opts.quiet) io.stderr.write(`worker: ${key}: ${outcome}\n`);
          },
        });
        if (!opts.quiet)
          io.stderr.write(`worker: waiting for shards on ${opts.queueName ?? "residue-sweep"}\n`);
        await (io.interrupted ?? new Promise<void>(() => {}));
        await close();
        exit(0);
      },
    );
};
