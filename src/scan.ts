/**
 * The pipeline: targets → sources → chunks → match pool → findings. Chunks are matched on both
 * cores with bounded look-ahead and their findings come out in source order, so finding ids
 * (which count copies per container) are stable. Bad items become `errors`; the scan goes on.
 */

import { chunkFindings, dedupeMatches } from "./chunk-findings.js";
import { readItem } from "./content/read.js";
import { loadCatalog, selectRules } from "./detectors/index.js";
import type { DetectorRule } from "./detectors/types.js";
import { reasonOf } from "./errors.js";
import { FindingBuilder } from "./findings.js";
import { fingerprintKey } from "./fingerprint.js";
import { describedEntries, loadManifest, type Manifest } from "./manifest/index.js";
import { maskUrls } from "./mask-url.js";
import { runFileJobs } from "./match/file-job.js";
import { itemPathOf } from "./match/paths.js";
import { MatchPool } from "./match/pool.js";
import { type Carry, carriedOver, carryOver } from "./overlap.js";
import { ScanCounters } from "./scan-counters.js";
import { type BlobRunner, FileBatch, type FileRunner, type Matched, readsOffThread } from "./scan-files.js";
import {
  contentOptions,
  type PlannedTarget,
  planTargets,
  type ScanOptions,
  type TargetStats,
} from "./scan-options.js";
import { pathSkip } from "./sources/shared/paths.js";
import type {
  Chunk,
  Finding,
  FindingFolder,
  Item,
  RawMatch,
  ScanError,
  ScanMeta,
  ScanStats,
  SourceContext,
} from "./types.js";
import { VERSION } from "./version.js";

export { dedupeMatches } from "./chunk-findings.js";
export type { FindingFilter, Resume, ScanOptions, TargetStats } from "./scan-options.js";

/** A running scan: iterate it for findings; errors, notices and stats fill in as it goes. */
export interface ScanRun extends AsyncIterable<Finding> {
  readonly errors: ScanError[];
  readonly notices: string[];
  readonly stats: ScanStats;
  readonly targets: TargetStats[];
  /** Tool, rules and secrets of the scan (loads manifests and rules on first call). */
  meta(): Promise<ScanMeta>;
}

interface Prepared {
  manifests: Manifest[];
  rules: DetectorRule[];
  meta: ScanMeta;
  targets: PlannedTarget[];
}

/** Parses targets, loads manifests and selects rules; throws UsageError / ManifestError / DetectorError. */
export async function prepareScan(options: ScanOptions): Promise<Prepared> {
  const env = options.env ?? process.env;
  const targets = planTargets(options);
  const keys = { env, keyFile: options.keyFile };
  const manifests = await Promise.all((options.manifests ?? []).map((m) => loadManifest(m, keys)));
  const spec = options.rules ?? (manifests.length ? "none" : "all");
  const rules = spec === "none" ? [] : selectRules(await loadCatalog(options.detectors ?? []), spec);
  const meta: ScanMeta = {
    tool: { name: "residue", version: VERSION },
    targets: options.targets.map(maskUrls),
    startedAt: new Date().toISOString(),
    redact: true,
    rules: rules.map((r) => ({
      id: r.id,
      description: r.description,
      severity: r.severity,
      provider: r.provider,
      tags: r.tags,
      ...(r.references && { references: r.references }),
    })),
    secrets: manifests.flatMap(describedEntries),
  };
  return { manifests, rules, meta, targets };
}

/** Scans targets; returns an async iterable of findings. */
export function scan(options: ScanOptions): ScanRun {
  const counters = new ScanCounters();
  const { errors, notices, stats } = counters;
  // what is shown and stored names each target with its URL credentials masked
  const targets: TargetStats[] = options.targets.map((target) => ({
    target: maskUrls(target),
    status: "pending",
    items: 0,
    bytes: 0,
    skipped: 0,
    findings: 0,
    errors: 0,
  }));
  let prepared: Promise<Prepared> | undefined;
  const prepare = () => {
    prepared ??= prepareScan(options);
    return prepared;
  };
  const env = options.env ?? process.env;
  // reads and matches batches of files (the match pool's, once the scan starts)
  let files: FileRunner | undefined;
  // reads and matches batches of history blobs (each worker reads its share with its own cat-file)
  let blobs: BlobRunner | undefined;

  async function* run(): AsyncGenerator<Finding> {
    const started = Date.now();
    const { manifests, rules, targets: planned } = await prepare();
    const context = {
      content: contentOptions(options),
      env,
      stdin: options.stdin,
      resume: options.resume,
      // binary items hold byte-level copies of known secrets; pattern rules never read them
      readBinary: manifests.length > 0 || !!options.matcher,
    };
    const pool = new MatchPool({ manifests, rules }, { workers: options.workers, matcher: options.matcher });
    const builder = new FindingBuilder(() => fingerprintKey(env));
    // Nothing to look for (no manifest, no rule): read and count only, never start workers.
    const idle = !manifests.length && !rules.length && !options.matcher;
    const match = idle
      ? () => Promise.resolve([] as RawMatch[])
      : (text: string, path?: string) => pool.find(text, path);
    files = idle
      ? (jobs, o) => Promise.resolve(runFileJobs(undefined, jobs, o))
      : (jobs, o) => pool.findFiles(jobs, o);
    blobs = (jobs, o) => pool.findBlobs(jobs, o, idle);
    try {
      for (const [i, t] of targets.entries()) {
        if (options.signal?.aborted) break;
        const exclude = (planned[i]!.options as { exclude?: string[] }).exclude;
        const ctx = counters.context(t, {
          ...context,
          ...(exclude?.length && { skipPath: pathSkip(exclude) }),
        });
        yield* scanTarget(t, planned[i]!, ctx, match, () => pool.parallelism, builder);
      }
    } finally {
      await pool.close();
      stats.durationMs = Date.now() - started;
    }
  }

  async function* scanTarget(
    t: TargetStats,
    planned: PlannedTarget,
    ctx: SourceContext,
    match: (text: string, path?: string) => Promise<RawMatch[]>,
    parallelism: () => number,
    builder: FindingBuilder,
  ): AsyncGenerator<Finding> {
    const batch = new FileBatch(files!, ctx, blobs);
    t.status = "running";
    t.startedAt = new Date().toISOString();
    // each entry: one chunk, or a batch of files read and matched off the main thread
    const queue: Promise<Matched[]>[] = [];
    const carry: Carry = { ends: new Map() };
    let folder: FindingFolder | undefined;
    const emit = function* (chunk: Chunk, matches: RawMatch[]): Generator<Finding> {
      for (const f of toFindings(chunk, matches, builder, carry)) {
        if (folder) {
          folder.add(f);
          continue;
        }
        t.findings++;
        stats.findings++;
        yield f;
      }
      options.onProgress?.(t);
    };
    // an item the file reader left alone (a large file, an archive) is streamed here, in its place
    const streamed = async function* (item: Item): AsyncGenerator<Finding> {
      const ahead: { chunk: Chunk; matches: Promise<RawMatch[]> }[] = [];
      const next = async function* (limit: number): AsyncGenerator<Finding> {
        while (ahead.length > limit) {
          const head = ahead.shift()!;
          yield* emit(head.chunk, await head.matches);
        }
      };
      for await (const chunk of readItem(item, ctx)) {
        options.onChunk?.(chunk, t.target);
        const matches = match(chunk.text, itemPathOf(chunk));
        matches.catch(() => {}); // handled in turn
        ahead.push({ chunk, matches });
        yield* next(parallelism());
      }
      yield* next(0);
    };
    const drain = async function* (limit: number): AsyncGenerator<Finding> {
      while (queue.length > limit) {
        for (const m of await queue.shift()!) {
          if ("item" in m) {
            yield* streamed(m.item);
            continue;
          }
          if (m.offThread) options.onChunk?.(m.chunk, t.target);
          yield* emit(m.chunk, m.matches);
        }
      }
    };
    const send = () => {
      const p = batch.flush();
      p.catch(() => {}); // handled when drained
      queue.push(p);
    };
    try {
      const source = await planned.descriptor.create(planned.target, planned.options, ctx);
      folder = source.folder?.();
      for await (const item of source.items(options.signal)) {
        if (readsOffThread(item)) {
          if (batch.add(item)) {
            send();
            yield* drain(parallelism());
          }
          continue;
        }
        if (batch.size) send();
        for await (const chunk of readItem(item, ctx)) {
          options.onChunk?.(chunk, t.target);
          const matches = match(chunk.text, itemPathOf(chunk)).then((m) => [{ chunk, matches: m }]);
          matches.catch(() => {}); // handled when drained
          queue.push(matches);
          yield* drain(parallelism());
        }
      }
      if (batch.size) send();
      yield* drain(0);
      t.status = t.errors ? "partial" : "done";
    } catch (err) {
      yield* drain(0);
      ctx.error(t.target, reasonOf(err));
      t.status = "failed";
    }
    for await (const f of folder?.done() ?? []) {
      t.findings++;
      stats.findings++;
      yield f;
    }
    t.endedAt = new Date().toISOString();
  }

  function toFindings(chunk: Chunk, raw: RawMatch[], builder: FindingBuilder, carry: Carry): Finding[] {
    const tail = chunk.tailStart;
    const kept = dedupeMatches(
      raw.filter(
        (m) =>
          (tail === undefined || m.start < tail) &&
          !(chunk.binary && m.kind === "pattern") &&
          !carriedOver(carry, chunk, m),
      ),
    );
    carryOver(carry, chunk, kept);
    return chunkFindings(chunk, kept, builder, options.filters);
  }

  let started = false;
  return {
    errors,
    notices,
    stats,
    targets,
    meta: async () => (await prepare()).meta,
    [Symbol.asyncIterator]() {
      if (started) throw new Error("a scan can be iterated once");
      started = true;
      return run();
    },
  };
}
