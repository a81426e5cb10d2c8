/**
 * `watch`: follows growing logs like `tail -F` (rotation and truncation included) and yields each
 * new copy as it appears. Appended text goes through the scan's last steps (the match engine,
 * de-duplication, findings, suppression filters: `residue:allow`, the ignore file, a baseline).
 */
import { stat } from "node:fs/promises";
import { chunkFindings, dedupeMatches } from "./chunk-findings.js";
import { readReason, UsageError } from "./errors.js";
import { FindingBuilder } from "./findings.js";
import { fingerprintKey } from "./fingerprint.js";
import { createMatchEngine } from "./match/index.js";
import { itemPathOf } from "./match/paths.js";
import { prepareScan } from "./scan.js";
import type { FindingFilter, ScanOptions } from "./scan-options.js";
import { type Appended, LogTail } from "./sources/logs/follow.js";
import { walkFiles } from "./sources/shared/walk.js";
import type { Finding, TextMatcher } from "./types.js";

/** What to follow and how to match it. */
export interface WatchOptions {
  /** Log files (followed even before they exist) and folders (their files, new ones included). */
  paths: string[];
  /** Known-secret manifests (paths) and pattern rules, as for `scan`; or `matcher` instead. */
  manifests?: string[];
  rules?: ScanOptions["rules"];
  matcher?: TextMatcher;
  env?: Record<string, string | undefined>;
  keyFile?: string;
  /** Suppression (`suppressionFilters()`), applied as in a scan. */
  filters?: FindingFilter[];
  /** Read the files from their start, not only what is appended. */
  fromStart?: boolean;
  /** Poll interval in ms (default 250, at least 10). */
  interval?: number;
  signal?: AbortSignal;
  /** A file that cannot be read (told once per file and reason; watching goes on). */
  onError?: (file: string, reason: string) => void;
}

/** The followed files: files as named (even before they exist), folders' current files. */
async function expand(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    out.push(...(info?.isDirectory() ? await walkFiles(p) : [p]));
  }
  return out;
}

/** Waits `ms`, or less when the signal aborts; leaves no listener behind. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** The match engine of the manifests and rules. */
async function engineOf(o: WatchOptions): Promise<TextMatcher> {
  if (o.matcher) return o.matcher;
  if (!o.manifests?.length && !o.rules) throw new UsageError("watch: name a manifest (-m FILE) or --rules");
  const prepared = await prepareScan({
    targets: [],
    manifests: o.manifests ?? [],
    rules: o.rules ?? "none",
    ...(o.env && { env: o.env }),
    keyFile: o.keyFile,
  });
  return createMatchEngine({ manifests: prepared.manifests, rules: prepared.rules });
}

/** Follows the logs until the signal aborts (or the caller stops iterating); yields each new copy. */
export async function* watch(o: WatchOptions): AsyncGenerator<Finding> {
  const engine = await engineOf(o);
  const builder = new FindingBuilder(() => fingerprintKey(o.env ?? process.env));
  const interval = Math.max(10, o.interval ?? 250);
  const tails = new Map<string, LogTail>();
  const told = new Set<string>();
  const fresh = (a: Appended) => {
    const matches = engine.find(a.chunk.text, itemPathOf(a.chunk)).filter((m) => m.end > a.freshFrom);
    return chunkFindings(a.chunk, dedupeMatches(matches), builder, o.filters);
  };
  try {
    for (let round = 0; !o.signal?.aborted; round++) {
      // a file that appears in a folder after the start is read from its start
      if (round % 20 === 0)
        for (const f of await expand(o.paths))
          if (!tails.has(f)) tails.set(f, new LogTail(f, { fromStart: o.fromStart || round > 0 }));
      for (const tail of tails.values()) {
        const pieces = await tail.poll().catch((err) => {
          const reason = readReason(err);
          if (!told.has(`${tail.path}\0${reason}`)) o.onError?.(tail.path, reason);
          told.add(`${tail.path}\0${reason}`);
          return [];
        });
        for (const a of pieces) yield* fresh(a);
      }
      if (!o.signal?.aborted) await sleep(interval, o.signal);
    }
  } finally {
    await Promise.all([...tails.values()].map((t) => t.close()));
  }
}
