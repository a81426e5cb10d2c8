/**
 * The pipeline: targets → sources → chunks → match pool → findings. Chunks are matched on both
 * cores with bounded look-ahead and their findings come out in source order, so finding ids
 * (which count copies per container) are stable. Bad items become `errors`; the scan goes on.
 */
import { loadCatalog, selectRules } from "./detectors/index.js";
import type { DetectorRule } from "./detectors/types.js";
import { reasonOf } from "./errors.js";
import { FindingBuilder, lineAt } from "./findings.js";
import { fingerprintKey } from "./fingerprint.js";
import { loadManifest, type Manifest, manifestKeys } from "./manifest/index.js";
import { itemPathOf } from "./match/paths.js";
import { MatchPool } from "./match/pool.js";
import { resolveTarget } from "./sources/index.js";
import type {
  Chunk,
  Finding,
  RawMatch,
  ScanError,
  ScanMeta,
  ScanOptionsBase,
  ScanStats,
  SourceContext,
  TextMatcher,
} from "./types.js";
import { VERSION } from "./version.js";

/** Drops a finding when it returns false (suppression, baselines). */
export type FindingFilter = (f: Finding, ctx: { lineText: string; chunk: Chunk }) => boolean;

/** Options of a scan: DESIGN.md targets, manifests and rules, plus source-specific keys. */
export interface ScanOptions extends ScanOptionsBase {
  targets: string[];
  /** Manifest paths or parsed manifests. */
  manifests?: (string | Manifest)[];
  /** Pattern rules: default `none` with a manifest, `all` without. */
  rules?: "all" | "none" | string[];
  /** Extra folders of detector YAML files (--detectors). */
  detectors?: string[];
  env?: Record<string, string | undefined>;
  stdin?: NodeJS.ReadableStream;
  signal?: AbortSignal;
  /** Worker threads for matching (default: 2 when the machine has 2 cores or more). */
  workers?: number;
  filters?: FindingFilter[];
  /** A matcher to use instead of the manifests and rules (tests, embedders); runs on the main thread. */
  matcher?: TextMatcher;
  /** Chunk size and overlap in characters (defaults: 1 MiB and 64 KiB). */
  chunkSize?: number;
  overlap?: number;
  /** Called for every chunk read, before matching (sweeps record which containers were read). */
  onChunk?: (chunk: Chunk, target: string) => void;
  /** Called after every chunk with the running counters of the target. */
  onProgress?: (p: TargetStats) => void;
}

/** Counters of one target. */
export interface TargetStats {
  target: string;
  status: "pending" | "running" | "done" | "partial" | "failed";
  items: number;
  bytes: number;
  skipped: number;
  findings: number;
  errors: number;
  startedAt?: string;
  endedAt?: string;
}

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
}

/** Loads manifests and selects rules; throws ManifestError / DetectorError. */
export async function prepareScan(options: ScanOptions): Promise<Prepared> {
  const env = options.env ?? process.env;
  const manifests = await Promise.all(
    (options.manifests ?? []).map(async (m) => {
      if (typeof m === "string") return loadManifest(m, { env });
      manifestKeys(m, env.RESIDUE_MANIFEST_KEY);
      return m;
    }),
  );
  const spec = options.rules ?? (manifests.length ? "none" : "all");
  const rules = spec === "none" ? [] : selectRules(await loadCatalog(options.detectors ?? []), spec);
  const meta: ScanMeta = {
    tool: { name: "residue", version: VERSION },
    targets: options.targets,
    startedAt: new Date().toISOString(),
    redact: true,
    rules: rules.map((r) => ({
      id: r.id,
      description: r.description,
      severity: r.severity,
      provider: r.provider,
    })),
    secrets: manifests.flatMap((m) => m.entries.map((e) => ({ id: e.id, label: e.label, tier: e.tier }))),
  };
  return { manifests, rules, meta };
}

/** Keeps the first match per place: one finding per secret per position, exact before partial. */
export function dedupeMatches(matches: RawMatch[]): RawMatch[] {
  if (matches.length < 2) return matches;
  const seen = new Map<string, RawMatch>();
  for (const m of matches) {
    const k = m.kind === "known" ? `k:${m.secretId}:${m.start}` : `p:${m.start}:${m.end}:${m.value}`;
    const prev = seen.get(k);
    if (!prev || (prev.match === "partial" && m.match === "exact")) seen.set(k, m);
  }
  return [...seen.values()];
}

/** Scans targets; returns an async iterable of findings. */
export function scan(options: ScanOptions): ScanRun {
  const errors: ScanError[] = [];
  const notices: string[] = [];
  const stats: ScanStats = { items: 0, bytes: 0, skipped: 0, findings: 0, errors: 0, durationMs: 0 };
  const targets: TargetStats[] = options.targets.map((target) => ({
    target,
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

  async function* run(): AsyncGenerator<Finding> {
    const started = Date.now();
    const { manifests, rules } = await prepare();
    const pool = new MatchPool(
      { manifests, rules, manifestKey: env.RESIDUE_MANIFEST_KEY },
      { workers: options.workers, matcher: options.matcher },
    );
    const builder = new FindingBuilder(fingerprintKey(env));
    // Nothing to look for (no manifest, no rule): read and count only, never start workers.
    const idle = !manifests.length && !rules.length && !options.matcher;
    const match = idle
      ? () => Promise.resolve([] as RawMatch[])
      : (text: string, path?: string) => pool.find(text, path);
    try {
      for (const t of targets) {
        if (options.signal?.aborted) break;
        yield* scanTarget(t, match, () => pool.parallelism, builder);
      }
    } finally {
      await pool.close();
      stats.durationMs = Date.now() - started;
    }
  }

  async function* scanTarget(
    t: TargetStats,
    match: (text: string, path?: string) => Promise<RawMatch[]>,
    parallelism: () => number,
    builder: FindingBuilder,
  ): AsyncGenerator<Finding> {
    t.status = "running";
    t.startedAt = new Date().toISOString();
    const ctx: SourceContext = {
      options,
      env,
      stdin: options.stdin,
      signal: options.signal,
      error(item, reason) {
        errors.push({ source: t.target, item, reason });
        t.errors++;
        stats.errors++;
      },
      count(d) {
        t.items += d.items ?? 0;
        t.bytes += d.bytes ?? 0;
        t.skipped += d.skipped ?? 0;
        stats.items += d.items ?? 0;
        stats.bytes += d.bytes ?? 0;
        stats.skipped += d.skipped ?? 0;
      },
      notice(message) {
        notices.push(`${t.target}: ${message}`);
      },
    };
    const queue: { chunk: Chunk; matches: Promise<RawMatch[]> }[] = [];
    const carry: Carry = { provenance: undefined, ends: new Map() };
    const drain = async function* (limit: number): AsyncGenerator<Finding> {
      while (queue.length > limit) {
        const head = queue.shift()!;
        for (const f of toFindings(head.chunk, await head.matches, builder, carry)) {
          t.findings++;
          stats.findings++;
          yield f;
        }
        options.onProgress?.(t);
      }
    };
    try {
      const { factory, spec } = await resolveTarget(t.target);
      const source = factory(spec, ctx);
      for await (const chunk of source.chunks(options.signal)) {
        options.onChunk?.(chunk, t.target);
        const matches = match(chunk.text, itemPathOf(chunk));
        matches.catch(() => {}); // handled when drained
        queue.push({ chunk, matches });
        yield* drain(parallelism());
      }
      yield* drain(0);
      t.status = t.errors ? "partial" : "done";
    } catch (err) {
      yield* drain(0);
      ctx.error(t.target, reasonOf(err));
      t.status = "failed";
    }
    t.endedAt = new Date().toISOString();
  }

  function toFindings(chunk: Chunk, raw: RawMatch[], builder: FindingBuilder, carry: Carry): Finding[] {
    const tail = chunk.tailStart;
    const kept = dedupeMatches(
      raw.filter((m) => (tail === undefined || m.start < tail) && !carriedOver(carry, chunk, m)),
    );
    carryOver(carry, chunk, kept);
    if (!kept.length) return [];
    let found = builder.build(chunk, kept);
    if (chunk.patternLines) {
      const lines = chunk.patternLines;
      found = found.filter(([f]) => f.kind !== "pattern" || lines.has(f.line));
    }
    const filters = options.filters ?? [];
    if (filters.length) {
      found = found.filter(([f, offset]) => {
        const lineText = lineAt(chunk.text, offset);
        return filters.every((filter) => filter(f, { lineText, chunk }));
      });
    }
    return found.map(([f]) => f);
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

/** What the previous chunk of the same item reported into the overlap it shares with the next. */
interface Carry {
  provenance: unknown;
  /** Per secret: the offset in the next chunk up to which the previous chunk already reported a copy. */
  ends: Map<string, number>;
}

function matchKey(m: RawMatch): string {
  return m.kind === "known" ? `k:${m.secretId}` : `p:${m.ruleId}:${m.value}`;
}

/** True when the previous chunk of this item already reported this copy (it reaches into the overlap). */
function carriedOver(carry: Carry, chunk: Chunk, m: RawMatch): boolean {
  if (carry.provenance !== chunk.provenance) return false;
  const end = carry.ends.get(matchKey(m));
  return end !== undefined && m.start < end;
}

/** Records the copies of this chunk that reach past its tail start, for the next chunk. */
function carryOver(carry: Carry, chunk: Chunk, kept: RawMatch[]): void {
  carry.provenance = chunk.provenance;
  carry.ends.clear();
  const tail = chunk.tailStart;
  if (tail === undefined) return;
  for (const m of kept) {
    if (m.end <= tail) continue;
    const k = matchKey(m);
    carry.ends.set(k, Math.max(carry.ends.get(k) ?? 0, m.end - tail));
  }
}
