/** Runs one source directly with a recording context: its chunks, error items, notices, counters. */
import type { Chunk, ScanOptionsBase, SourceContext, SourceFactory } from "../../src/types.js";

/** What a source produced. */
export interface SourceRun {
  chunks: Chunk[];
  errors: { item: string; reason: string }[];
  notices: string[];
  items: number;
  cursor?: string;
}

/** Iterates a source to the end, recording everything it reports. */
export async function runSource(
  factory: SourceFactory,
  spec: string,
  env: Record<string, string | undefined>,
  options: ScanOptionsBase = {},
): Promise<SourceRun> {
  const out: SourceRun = { chunks: [], errors: [], notices: [], items: 0 };
  const ctx: SourceContext = {
    options: { ...options, onCursor: (v: string) => (out.cursor = v) },
    env,
    error: (item, reason) => out.errors.push({ item, reason }),
    count: (d) => (out.items += d.items ?? 0),
    notice: (m) => out.notices.push(m),
  };
  for await (const c of factory(spec, ctx).chunks()) out.chunks.push(c);
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
