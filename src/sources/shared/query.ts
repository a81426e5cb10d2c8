/**
 * Query fields of the chat and ticket targets (`?since=…&until=…&channels=…`) as zod schemas,
 * and the resume point: a sweep's stored cursor replaces `since=` on the next read.
 */
import { z } from "zod";
import type { SourceContext } from "../../types.js";

/** Parses an ISO date/time or epoch seconds into epoch seconds; undefined when it is neither. */
export function parseWhen(value: string): number | undefined {
  const v = value.trim();
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v) / 1000;
  return Number.isFinite(n) ? n : undefined;
}

/** A date query value (`since=2024-05-01`), as epoch seconds. */
export const whenParam = z.string().transform((v, c) => {
  const n = parseWhen(v);
  if (n === undefined)
    c.issues.push({
      code: "custom",
      input: v,
      message: `${v} is not a date; use an ISO date (2024-05-01 or 2024-05-01T10:00:00Z) or epoch seconds`,
    });
  return n ?? 0;
});

/** A comma list query value (`channels=general,C001`). */
export const listParam = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

/** The lower time bound of a read: the stored resume point when there is one, else `since=`. */
export function startFrom(ctx: SourceContext, since: number | undefined): number | undefined {
  const start = ctx.cursor().start;
  return (start !== undefined ? parseWhen(start) : undefined) ?? since;
}

/** Reports the resume point to the caller (sweeps store it) and to people. */
export function reportCursor(ctx: SourceContext, value: string): void {
  ctx.cursor().advance(value);
  ctx.notice(`resume with since=${value}`);
}

/** A yes/no query value (`issues=true`); `1`/`0` and `yes`/`no` too. */
export const boolParam = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");
