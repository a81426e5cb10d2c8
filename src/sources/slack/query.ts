/**
 * Query parameters of the `slack:` target (`slack:?types=…&channels=…&since=…&until=…`).
 */
import { UsageError } from "../../errors.js";
import { parseWhen } from "../shared/cursor.js";

/** What the `slack:` target reads. */
export interface SlackQuery {
  types: string[];
  channels: string[];
  /** Epoch seconds. */
  since?: number;
  until?: number;
}

const TYPES = ["public_channel", "private_channel", "mpim", "im"];

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
