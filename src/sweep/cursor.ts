/**
 * Whether a sweep target reads only part of its system: a date bound in its query
 * (`slack:?since=…`) or in its options (`since` of a git target). Such a read cannot declare a
 * copy gone outside what it read. Resume points themselves go through the scan's `resume`.
 */
import { parseTarget } from "../sources/target.js";

/** True when the target or its options bound the read by date. */
export function isBounded(target: string, options: Record<string, unknown>): boolean {
  const { query } = parseTarget(target).target;
  if (options.since !== undefined || options.range !== undefined) return true;
  return query.since !== undefined || query.until !== undefined;
}
