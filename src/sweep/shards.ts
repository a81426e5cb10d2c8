/**
 * Shards: the unit of work of a sweep spread over processes. A shard is one config target (one
 * repository, one Slack export or workspace query, one Jira window). `--shard i/n` takes a
 * deterministic slice: the targets sorted by key, every n-th from the i-th, so n processes with
 * 0/n … n-1/n together cover every target once, whatever machine runs which slice.
 */
import { UsageError } from "../errors.js";
import type { SweepTarget } from "./config.js";

/** A slice of the shards: index i of n. */
export interface ShardSlice {
  index: number;
  count: number;
}

/** Parses `i/n` (0 <= i < n); UsageError naming the value otherwise. */
export function parseShard(value: string): ShardSlice {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count)
    throw new UsageError(`--shard: expected i/n with 0 <= i < n (e.g. 0/3), got "${value}"`);
  return { index, count };
}

/** The targets of a slice (all of them without one), in config order. */
export function shardTargets(targets: SweepTarget[], slice?: ShardSlice): SweepTarget[] {
  if (!slice) return targets;
  const keys = [...new Set(targets.map((t) => t.key))].sort();
  const mine = new Set(keys.filter((_, i) => i % slice.count === slice.index));
  return targets.filter((t) => mine.has(t.key));
}
