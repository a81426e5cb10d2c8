/** Test helpers: run a source with a recording context, and find a literal in its chunks as the scan would. */
import { positionsOf } from "../src/findings.js";
import type { Chunk, Provenance, ScanError, SourceContext } from "../src/types.js";
import type { ChunkSource } from "./helpers/source-run.js";

/** A context that records errors and counts. */
export function recordingContext(options: Record<string, unknown> = {}): SourceContext & {
  errors: ScanError[];
  counts: { items: number; bytes: number; skipped: number };
} {
  const errors: ScanError[] = [];
  const counts = { items: 0, bytes: 0, skipped: 0 };
  return {
    target: "test",
    options,
    env: {},
    errors,
    counts,
    error: (item, reason) => void errors.push({ source: "test", item, reason }),
    count: (d) => {
      counts.items += d.items ?? 0;
      counts.bytes += d.bytes ?? 0;
    },
    skip: () => void counts.skipped++,
    readBinary: false,
    notice: () => {},
    cursor: () => ({ advance() {} }),
  };
}

/** Every chunk of a source. */
export async function collect(source: ChunkSource): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for await (const c of source.chunks()) out.push(c);
  return out;
}

/** A literal found in chunks (respecting tails), with the position the scan would report. */
export interface Hit {
  provenance: Provenance;
  line: number;
  column: number;
}

/** Finds every copy of `needle` in the chunks, as a matcher plus the scan's position step would. */
export function findLiteral(chunks: Chunk[], needle: string): Hit[] {
  const hits: Hit[] = [];
  for (const c of chunks) {
    for (let i = c.text.indexOf(needle); i !== -1; i = c.text.indexOf(needle, i + 1)) {
      if (c.tailStart !== undefined && i >= c.tailStart) continue;
      const [pos] = positionsOf(c, [i]);
      hits.push({ provenance: c.provenance, line: pos!.line, column: pos!.column });
    }
  }
  return hits;
}

/** Line and column (1-based) of the first occurrence of needle in text. */
export function positionIn(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - (before.lastIndexOf("\n") + 1) + 1 };
}
