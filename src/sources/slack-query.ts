/**
 * Query parameters of the chat and ticket targets (`slack:?types=…&channels=…&since=…&until=…`),
 * time bounds, and the resume cursor that a sweep stores (`since=` of the next run).
 */
import { UsageError } from "../errors.js";
import type { SourceContext } from "../types.js";

/** What the `slack:` target reads. */
export interface SlackQuery {
  types: string[];
  channels: string[];
  /** Epoch seconds. */
  since?: number;
  until?: number;
}

const TYPES = ["public_channel", "private_channel", "mpim", "im"];

/** Parses an ISO date/time or epoch seconds into epoch seconds; throws UsageError naming the key. */
export function parseWhen(key: string, value: string): number {
  const v = value.trim();
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v) / 1000;
  if (!Number.isFinite(n)) {
    throw new UsageError(`${key}=${value}: not a date; use an ISO date (2024-05-01 or 2024-05-01T10:00:00Z)`);
  }
  return n;
}

const list = (v: string | null) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses `?types=…&channels=…&since=…&until=…`. */
export function parseSlackQuery(spec: string): SlackQuery {
  const params = new URLSearchParams(spec.replace(/^[^?]*\?/, ""));
  for (const key of params.keys()) {
    if (!["types", "channels", "since", "until"].includes(key))
      throw new UsageError(
        `slack:${spec}: unknown parameter "${key}"; allowed: types, channels, since, until`,
      );
  }
  const types = list(params.get("types"));
  const bad = types.find((t) => !TYPES.includes(t));
  if (bad) throw new UsageError(`slack: types=${bad} is not one of ${TYPES.join(", ")}`);
  const since = params.get("since");
  const until = params.get("until");
  return {
    types: types.length ? types : ["public_channel", "private_channel"],
    channels: list(params.get("channels")).map((c) => c.replace(/^#/, "")),
    since: since ? parseWhen("since", since) : undefined,
    until: until ? parseWhen("until", until) : undefined,
  };
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
