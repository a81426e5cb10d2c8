/**
 * The options of a scan: targets, what to look for, and the options of the content layer and of
 * the sources, whose types derive from their zod schemas. Each target gets the options its
 * source declares, validated by that schema before anything is read.
 */
import type { z } from "zod";
import { type ContentOptions, contentSchema } from "./content/options.js";
import { UsageError } from "./errors.js";
import type { Manifest } from "./manifest/index.js";
import type { SourceDescriptor } from "./sources/descriptor.js";
import type { SourceOptions } from "./sources/registry.js";
import { type ParsedTarget, parseTarget, shownTarget } from "./sources/target.js";
import type { Chunk, Finding, TextMatcher } from "./types.js";

/** Drops a finding when it returns false (suppression, baselines). */
export type FindingFilter = (f: Finding, ctx: { lineText: string; chunk: Chunk }) => boolean;

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

/** Where a resumable target starts and where its next read may resume (sweeps store it). */
export interface Resume {
  /** The point stored after the last complete read. */
  start?: string;
  /** Called with the new resume point of a target. */
  advance(value: string, target: string): void;
}

/** Options of a scan: targets, manifests and rules, plus the content's and the sources' options. */
export interface ScanOptions extends ContentOptions, SourceOptions {
  targets: string[];
  /** The folder path targets are read against (default: the process's). */
  cwd?: string;
  /** Manifest paths or parsed manifests. */
  manifests?: (string | Manifest)[];
  /** The key file of the manifests (--key-file); else RESIDUE_MANIFEST_KEY, else the keys folder. */
  keyFile?: string;
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
  /** Resume points of resumable targets (sweeps). */
  resume?: Resume;
  /** Called for every chunk read, before matching (sweeps record which containers were read). */
  onChunk?: (chunk: Chunk, target: string) => void;
  /** Called after every chunk with the running counters of the target. */
  onProgress?: (p: TargetStats) => void;
}

/** A target ready to read: parsed, with its source's validated options. */
export interface PlannedTarget extends ParsedTarget {
  options: Record<string, unknown>;
}

/** Validates the keys of `schema` found in `given`; UsageError naming the target and the option. */
function pick(schema: z.ZodObject, given: object, what: string): Record<string, unknown> {
  const mine: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape))
    if ((given as Record<string, unknown>)[key] !== undefined)
      mine[key] = (given as Record<string, unknown>)[key];
  const res = schema.safeParse(mine);
  if (res.success) return res.data as Record<string, unknown>;
  const issue = res.error.issues[0]!;
  throw new UsageError(`${what}: option ${issue.path.join(".")}: ${issue.message}`);
}

/** The content options of a scan, validated. */
export function contentOptions(options: ScanOptions): ContentOptions {
  return pick(contentSchema, options, "scan") as ContentOptions;
}

/** Parses every target and validates its source's options; throws UsageError on the first fault. */
export function planTargets(options: ScanOptions): PlannedTarget[] {
  const cwd = options.cwd ?? process.cwd();
  return options.targets.map((raw) => {
    const parsed = parseTarget(raw, cwd);
    const d: SourceDescriptor = parsed.descriptor;
    return { ...parsed, options: pick(d.options, options, shownTarget(raw)) };
  });
}
