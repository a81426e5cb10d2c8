/**
 * What a source is, as data: one descriptor per folder under src/sources/, one line in
 * registry.ts. Everything else that needs to know about sources (target parsing, CLI flags, the
 * sweep config schema, the library's option types, the systems of reports) reads descriptors,
 * so adding a source touches its folder and the registry only. A descriptor module stays cheap to
 * import: `create` loads the source's code on first use (start-up time of the pre-commit hook).
 */
import type { z } from "zod";
import type { Source, SourceContext } from "../types.js";

/** A parsed target: which source reads it and what. */
export interface Target<Q = Record<string, unknown>, P extends string = string> {
  /** The target as written (`git:../repo`, `slack:?channels=general`). */
  raw: string;
  /** The source's prefix (`fs` for a bare path, `stdin` for `-`). */
  prefix: P;
  /** The part after `prefix:` without its query: a path or URL as written, shown in locations. */
  spec: string;
  /** For a path source: the spec resolved against the scan's working folder (URL specs: none). */
  path?: string;
  /** The target's query (`?since=…&channels=…`), validated by the descriptor's query schema. */
  query: Q;
}

/** Where a source's copies live, for reports and purge advice. */
export interface SystemInfo {
  /** The kind of system, e.g. "repository", "Slack channel". */
  kind: string;
  /** How to purge a copy held there. */
  purge: string;
  /** The system's name from a copy's location and the target's spec (default: the spec, else the folder). */
  name?: (location: Record<string, unknown>, spec: string) => string;
}

/** One source, described. */
export interface SourceDescriptor<
  P extends string = string,
  O extends z.ZodObject = z.ZodObject,
  Q extends z.ZodObject = z.ZodObject,
  L extends z.ZodObject = z.ZodObject,
> {
  /** The target prefix before the colon; also the JSON `source` of its findings. */
  prefix: P;
  /** How its target is written (`git:PATH|URL`), for help and errors. */
  usage: string;
  /** What it reads, one line (help, README table). */
  summary: string;
  /** Whether its spec is a local path (resolved against the working folder; a URL stays as is). */
  isPath: boolean;
  /** Why a spec cannot be read by this source (checked when the target is parsed), or undefined. */
  checkSpec?(spec: string): string | undefined;
  /** Whether it reads `ctx.cursor()` and reports where the next read may resume (sweeps). */
  resumable: boolean;
  /** The system its copies live in. */
  system: SystemInfo;
  /** The `location` its findings carry (built with `locationOf(prefix, keys)`). */
  location: L;
  /** Its options: CLI flags, sweep config `options` and library types derive from this schema. */
  options: O;
  /** The keys its target's query may hold (`slack:?since=…`), strict. */
  query: Q;
  /** Builds the source for one target; loads its code on first use. */
  create(target: Target<z.output<Q>, P>, options: z.output<O>, ctx: SourceContext): Promise<Source>;
}

/** Declares a descriptor with its option and query types inferred. */
export function defineSource<
  P extends string,
  O extends z.ZodObject,
  Q extends z.ZodObject,
  L extends z.ZodObject,
>(d: SourceDescriptor<P, O, Q, L>): SourceDescriptor<P, O, Q, L> {
  return d;
}
