/**
 * Time bounds of the chat and ticket targets (`since=`, `until=`) and the resume cursor that a
 * sweep stores (the `since=` of its next run).
 */
import { UsageError } from "../../errors.js";
import type { SourceContext } from "../../types.js";

/** Parses an ISO date/time or epoch seconds into epoch seconds; throws UsageError naming the key. */
export function parseWhen(key: string, value: string): number {
  const v = value.trim();
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v) / 1000;
  if (!Number.isFinite(n)) {
    throw new UsageError(`${key}=${value}: not a date; use an ISO date (2024-05-01 or 2024-05-01T10:00:00Z)`);
  }
  return n;
}

/**
 * Hands the resume point to the caller: `ctx.options.onCursor(value)` when given (sweeps store
 * it and pass it back as `since=`), and a notice for people.
 */
export function reportCursor(ctx: SourceContext, target: string, value: string): void {
  const cb = ctx.options.onCursor;
  if (typeof cb === "function") (cb as (v: string, target: string) => void)(value, target);
  ctx.notice(`resume with since=${value}`);
}
