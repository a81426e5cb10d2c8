/**
 * Overlapping chunks of one item repeat a tail; a copy that reaches into that tail is reported by
 * the chunk it starts in, and the next chunk must not report it again.
 */
import type { Chunk, RawMatch } from "./types.js";

/** What the previous chunk of the same item reported into the overlap it shares with the next. */
export interface Carry {
  /** The item of the previous chunk. */
  item?: string;
  /** Per secret: the offset in the next chunk up to which the previous chunk already reported a copy. */
  ends: Map<string, number>;
}

function matchKey(m: RawMatch): string {
  return m.kind === "known" ? `k:${m.secretId}` : `p:${m.ruleId}:${m.value}`;
}

/** True when the previous chunk of this item already reported this copy (it reaches into the overlap). */
export function carriedOver(carry: Carry, chunk: Chunk, m: RawMatch): boolean {
  if (carry.item !== chunk.item) return false;
  const end = carry.ends.get(matchKey(m));
  return end !== undefined && m.start < end;
}

/** Records the copies of this chunk that reach past its tail start, for the next chunk. */
export function carryOver(carry: Carry, chunk: Chunk, kept: RawMatch[]): void {
  carry.item = chunk.item;
  carry.ends.clear();
  const tail = chunk.tailStart;
  if (tail === undefined) return;
  for (const m of kept) {
    if (m.end <= tail) continue;
    const k = matchKey(m);
    carry.ends.set(k, Math.max(carry.ends.get(k) ?? 0, m.end - tail));
  }
}
