/**
 * `residue sweep -c residue.sweep.json [--db FILE]`: one incremental run over the config's
 * targets into the store. Exit status: 1 new copies (per `failOn`), 3 a target failed or was
 * read in part, 0 otherwise; 2 for a bad config or store.
 */
import path from "node:path";
import { isPostgresUrl } from "../../store/postgres/index.js";
import { loadSweepConfig } from "../../sweep/config.js";
import { queueDispatch } from "../../sweep/queue.js";
import { checkRedis } from "../../sweep/redis.js";
import { parseShard, runSweep, type ShardSlice, type SweepResult, sweepStatus } from "../../sweep/run.js";
import type { CliIO } from "../io.js";
import { workersOption } from "../options/workers.js";
import { createProgress } from "../progress.js";
import type { RegisterCommand } from "./types.js";

/** The closing summary of a sweep, on stderr. */
export function sweepSummary(r: SweepResult): string {
  const lines = r.targets.map(
    (t) => `  ${t.target}: ${t.status}, ${t.items} items, ${t.findings} copies, ${t.errors} errors`,
  );
  const c = r.counts;
  const head = `run ${r.run}${r.resumed ? " (resumed)" : ""}${r.interrupted ? " (interrupted; the next sweep resumes it)" : ""}: ${c.new} new, ${c.surviving} surviving, ${c.gone} gone`;
  const errs = r.errors.map((e) => `  error: ${e.source}: ${e.item}: ${e.reason}`);
  return `${[head, ...lines, ...errs, `  store: ${r.db}`].join("\n")}\n`;
}

export const registerSweep: RegisterCommand = (program, io: CliIO, exit) => {
  program
    .command("sweep")
    .description("run the targets of a sweep config into the store: what is new, surviving, gone")
    .requiredOption("-c, --config <file>", "the sweep config (JSON, see schema/residue.sweep.schema.json)")
    .option("--db <file>", "the store (default: the config's db, else .residue/residue.db)")
    .addOption(workersOption())
    .option("-q, --quiet", "no progress or summary on stderr")
    .option(
      "--key-file <file>",
      "the manifests' key file (default: RESIDUE_MANIFEST_KEY, else the keys folder)",
    )
    .option(
      "--store <url>",
      "the store: a SQLite file or postgres://user@host/db (as --db; default: the config's)",
    )
    .option(
      "--shard <i/n>",
      "run only slice i of n of the targets (Kubernetes Indexed Jobs, CI matrices)",
      parseShard,
    )
    .option("--queue <url>", "send the shards to workers through this Redis (redis://HOST:PORT) and wait")
    .option("--queue-name <name>", "the BullMQ queue (default residue-sweep)")
    .action(async (opts: SweepFlags) => exit(await sweep(opts, io)));
};

/** The flags of `residue sweep`. */
interface SweepFlags {
  config: string;
  db?: string;
  store?: string;
  shard?: ShardSlice;
  queue?: string;
  queueName?: string;
  workers?: number;
  quiet?: boolean;
  keyFile?: string;
}

/** Sends the targets to the queue's workers; a line per shard done on stderr unless -q. */
function dispatchOf(opts: SweepFlags, io: CliIO, configFile: string, signal: AbortSignal) {
  if (!opts.queue) return undefined;
  return queueDispatch({
    url: opts.queue,
    ...(opts.queueName && { name: opts.queueName }),
    configFile,
    signal,
    onShard: (n, total, t) => {
      if (!opts.quiet) io.stderr.write(`  [${n}/${total}] ${t.target}: ${t.status}\n`);
    },
  });
}

/** Runs the sweep; resolves to its exit status. */
async function sweep(opts: SweepFlags, io: CliIO): Promise<number> {
  const given = opts.store ?? opts.db;
  const config = loadSweepConfig(path.resolve(io.cwd, opts.config));
  if (opts.queue) await checkRedis(opts.queue);
  const progress = createProgress(io.stderr, opts);
  const abort = new AbortController();
  void io.interrupted?.then(() => abort.abort());
  const dispatch = dispatchOf(opts, io, config.file, abort.signal);
  const result = await runSweep({
    config,
    ...(given && { db: isPostgresUrl(given) ? given : path.resolve(io.cwd, given) }),
    ...(opts.shard && { shard: opts.shard }),
    cwd: io.cwd,
    env: io.env,
    ...(opts.keyFile && { keyFile: path.resolve(io.cwd, opts.keyFile) }),
    stdin: io.stdin,
    signal: abort.signal,
    workers: opts.workers,
    onProgress: (t) => progress.update(t),
    ...(dispatch && { dispatch }),
  });
  progress.done();
  if (!opts.quiet) io.stderr.write(sweepSummary(result));
  return sweepStatus(result, config.failOn);
}
