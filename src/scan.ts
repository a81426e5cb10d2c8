/**
 * The pipeline: targets → sources → chunks → match pool → findings. Chunks are matched on both
 * cores with bounded look-ahead and their findings come out in source order, so finding ids
 * (which count copies per container) are stable. Bad items become `errors`; the scan goes on.
 */

import { FindingBuilder } from "./findings.js";
import { fingerprintKey } from "./fingerprint.js";
import { maskUrls } from "./mask-url.js";
import { runFileJobs } from "./match/file-job.js";
import { knownFilter } from "./match/known-filter.js";
import { MatchPool } from "./match/pool.js";
import { type ContextOptions, ScanCounters } from "./scan-counters.js";
import { contentOptions, type ScanOptions, type TargetStats } from "./scan-options.js";
import { type Prepared, prepareScan } from "./scan-prepare.js";
import { type Matching, TargetScan } from "./scan-target.js";
import { pathSkip } from "./sources/shared/paths.js";
import type { Finding, RawMatch, ScanError, ScanMeta, ScanStats } from "./types.js";

export { dedupeMatches } from "./chunk-findings.js";
export type { FindingFilter, Resume, ScanOptions, TargetStats } from "./scan-options.js";
export { prepareScan } from "./scan-prepare.js";

/** A running scan: iterate it for findings; errors, notices and stats fill in as it goes. */
export interface ScanRun extends AsyncIterable<Finding> {
  readonly errors: ScanError[];
  readonly notices: string[];
  readonly stats: ScanStats;
  readonly targets: TargetStats[];
  /** Tool, rules and secrets of the scan (loads manifests and rules on first call). */
  meta(): Promise<ScanMeta>;
}

/** The counters of a target not yet read; it is shown and stored with its URL credentials masked. */
function pendingTarget(target: string): TargetStats {
  return {
    target: maskUrls(target),
    status: "pending",
    items: 0,
    bytes: 0,
    skipped: 0,
    findings: 0,
    errors: 0,
  };
}

/** The matching of a scan; with nothing to look for (no manifest, no rule) it reads and counts only. */
function matchingOf(pool: MatchPool, idle: boolean, builder: FindingBuilder): Matching {
  return {
    match: idle ? () => Promise.resolve([] as RawMatch[]) : (text, path) => pool.find(text, path),
    matchBytes: (bytes, name) => Promise.resolve(idle ? [] : pool.findBytes(bytes, name)),
    files: idle
      ? (jobs, o) => Promise.resolve(runFileJobs(undefined, jobs, o))
      : (jobs, o) => pool.findFiles(jobs, o),
    parallelism: () => pool.parallelism,
    builder,
  };
}

/** Reads every planned target in turn; the match pool is closed at the end, whatever happens. */
async function* runScan(
  options: ScanOptions,
  prepare: () => Promise<Prepared>,
  counters: ScanCounters,
  targets: TargetStats[],
): AsyncGenerator<Finding> {
  const started = Date.now();
  const { manifests, rules, targets: planned } = await prepare();
  const env = options.env ?? process.env;
  const context: ContextOptions = {
    content: contentOptions(options),
    env,
    stdin: options.stdin,
    resume: options.resume,
    // binary items hold byte-level copies of known secrets; pattern rules never read them
    readBinary: manifests.length > 0 || !!options.matcher,
  };
  if (manifests.length && !rules.length && !options.matcher) {
    let filter: ((text: string) => boolean) | undefined | null = null;
    context.knownFilter = () => (filter === null ? (filter = knownFilter(manifests)) : filter);
  }
  const pool = new MatchPool({ manifests, rules }, { workers: options.workers, matcher: options.matcher });
  const idle = !manifests.length && !rules.length && !options.matcher;
  const matching = matchingOf(pool, idle, new FindingBuilder(() => fingerprintKey(env)));
  try {
    for (const [i, t] of targets.entries()) {
      if (options.signal?.aborted) break;
      const exclude = (planned[i]!.options as { exclude?: string[] }).exclude;
      const ctx = counters.context(t, {
        ...context,
        ...(exclude?.length && { skipPath: pathSkip(exclude) }),
      });
      yield* new TargetScan(t, ctx, matching, options, counters.stats).run(planned[i]!);
    }
  } finally {
    await pool.close();
    counters.stats.durationMs = Date.now() - started;
  }
}

/** Scans targets; returns an async iterable of findings. */
export function scan(options: ScanOptions): ScanRun {
  const counters = new ScanCounters();
  const targets = options.targets.map(pendingTarget);
  let prepared: Promise<Prepared> | undefined;
  const prepare = () => {
    prepared ??= prepareScan(options);
    return prepared;
  };
  let started = false;
  return {
    errors: counters.errors,
    notices: counters.notices,
    stats: counters.stats,
    targets,
    meta: async () => (await prepare()).meta,
    [Symbol.asyncIterator]() {
      if (started) throw new Error("a scan can be iterated once");
      started = true;
      return runScan(options, prepare, counters, targets);
    },
  };
}
