/**
 * The last step of the pipeline, shared by `scan` and `watch`: a chunk's raw matches become
 * findings (one per place, the exact one kept over a partial), pattern findings kept only on the
 * lines the source asked for, and every suppression filter applied with the finding's line.
 */
import { type FindingBuilder, lineAt } from "./findings.js";
import { type Carry, carriedOver, carryOver } from "./overlap.js";
import type { FindingFilter } from "./scan-options.js";
import type { Chunk, Finding, RawMatch } from "./types.js";

/** One match per secret per place: an exact match wins over a partial one at the same start. */
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

/** The findings of a chunk's kept matches (already de-duplicated), filtered. */
export function chunkFindings(
  chunk: Chunk,
  kept: RawMatch[],
  builder: FindingBuilder,
  filters: readonly FindingFilter[] = [],
): Finding[] {
  if (!kept.length) return [];
  let found = builder.build(chunk, kept);
  if (chunk.patternLines) {
    const lines = chunk.patternLines;
    found = found.filter(([f]) => f.kind !== "pattern" || lines.has(f.line));
  }
  if (filters.length) {
    found = found.filter(([f, offset]) => {
      const lineText = lineAt(chunk.text, offset);
      return filters.every((filter) => filter(f, { lineText, chunk }));
    });
  }
  return found.map(([f]) => f);
}

/**
 * The findings of one chunk of a scan: matches in the chunk's repeated tail (the next chunk
 * reports them), pattern matches in binary content and copies the previous chunk of the item
 * already reported are dropped; what is kept is carried over for the next chunk.
 */
export function scanFindings(
  chunk: Chunk,
  raw: RawMatch[],
  builder: FindingBuilder,
  carry: Carry,
  filters?: readonly FindingFilter[],
): Finding[] {
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
  return chunkFindings(chunk, kept, builder, filters);
}
