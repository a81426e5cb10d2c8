/** Runs one source directly with a recording context: its chunks, error items, notices, counters. */
import { readItem } from "../../src/content/read.js";
import { scan } from "../../src/scan.js";
import { parseTarget } from "../../src/sources/target.js";
import type { Chunk, Finding, SourceContext } from "../../src/types.js";
import { manifestOf } from "./chat-manifest.js";

/** A cursor that starts nowhere and drops what it is told (tests that do not look at it). */
export const noCursor: SourceContext["cursor"] = () => ({ advance() {} });

/** A source's chunks as the scan reads them (items through the content layer). */
export interface ChunkSource {
  chunks(): AsyncIterable<Chunk>;
}

/**
 * Builds the source of a target as the scan does (parseTarget, then the descriptor): the options
 * the source declares are taken from `ctx.options`, validated by its schema; its items are read
 * through the content layer.
 */
export async function openSource(raw: string, ctx: SourceContext): Promise<ChunkSource> {
  const { target, descriptor } = parseTarget(raw);
  const given = ctx.options as Record<string, unknown>;
  const mine = Object.fromEntries(Object.keys(descriptor.options.shape).map((k) => [k, given[k]]));
  const source = await descriptor.create(target, descriptor.options.parse(mine), ctx);
  return {
    async *chunks() {
      for await (const item of source.items()) yield* readItem(item, ctx);
    },
  };
}

/** What a source produced. */
export interface SourceRun {
  chunks: Chunk[];
  errors: { item: string; reason: string }[];
  notices: string[];
  items: number;
  cursor?: string;
}

/** Iterates the source of `prefix:spec` to the end, recording everything it reports. */
export async function runSource(
  prefix: string,
  spec: string,
  env: Record<string, string | undefined>,
  options: Record<string, unknown> = {},
  start?: string,
): Promise<SourceRun> {
  const out: SourceRun = { chunks: [], errors: [], notices: [], items: 0 };
  const ctx: SourceContext = {
    target: `${prefix}:${spec}`,
    options,
    env,
    error: (item, reason) => out.errors.push({ item, reason }),
    count: (d) => (out.items += d.items ?? 0),
    notice: (m) => out.notices.push(m),
    skip: () => {},
    readBinary: false,
    cursor: () => ({ start, advance: (v) => (out.cursor = v) }),
  };
  for await (const c of (await openSource(`${prefix}:${spec}`, ctx)).chunks()) out.chunks.push(c);
  return out;
}

/** The 1-based line, inside its field, of the first occurrence of `needle` in any chunk. */
export function locate(chunks: Chunk[], needle: string): { chunk: Chunk; line: number } | undefined {
  for (const chunk of chunks) {
    const i = chunk.text.indexOf(needle);
    if (i !== -1) return { chunk, line: chunk.line + (chunk.text.slice(0, i).match(/\n/g)?.length ?? 0) };
  }
  return undefined;
}

/** Runs a library scan of `targets` for the secrets of a fresh manifest; its findings and error items. */
export async function scanKnown(
  targets: string[],
  env: Record<string, string | undefined>,
  secrets: Record<string, string>,
): Promise<{ found: Finding[]; errors: unknown[] }> {
  const run = scan({ targets, env, manifests: [await manifestOf(secrets)], workers: 0 });
  const found: Finding[] = [];
  for await (const f of run) found.push(f);
  return { found, errors: run.errors };
}
