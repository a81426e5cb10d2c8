/**
 * Where a copy lives, for people: the system (repository, Slack channel, Jira project, log store,
 * HAR capture, folder) derived from a finding's source and location, and how to purge it there.
 * Shared by the HTML report and the sweep store (which charts copies per system across runs).
 * The kinds and purge advice come from the source descriptors.
 */
import { descriptors } from "../sources/registry.js";
import { parseTarget } from "../sources/target.js";

/** A finding as DESIGN.md's JSON (findingJson), plus what sweeps and verification add. */
export interface CopyRecord {
  id: string;
  /** The scan target that found it (absent in stores written before it was recorded). */
  target?: string;
  kind: "known" | "pattern";
  secretId?: string;
  ruleId?: string;
  secretKey: string;
  form: string;
  match: "exact" | "partial";
  coverage: number;
  source: string;
  location: Record<string, unknown>;
  uri: string;
  redacted: string;
  /** Only under --no-redact. */
  secret?: string;
  severity?: string;
  confidence?: string;
  /** The credential's user, host, ... (never a secret). */
  context?: Record<string, string>;
  description?: string;
  state?: "new" | "surviving" | "gone";
  firstSeen?: string;
  lastSeen?: string;
  verification?: { status: string; checkedAt: string; detail: string };
  /** HTML report only: where the copy opens (the host's commit page, a file:// URL). */
  href?: string;
}

/** The kind of a system and its name, e.g. {kind: "Slack channel", name: "#deploys"}. */
export interface System {
  kind: string;
  name: string;
}

/** The kind of system each source's copies live in, from the source descriptors. */
const KIND: Record<string, string> = Object.fromEntries(descriptors.map((d) => [d.prefix, d.system.kind]));
/** The sources that name their systems themselves (a CI run, a job). */
const NAMER = new Map(
  descriptors.flatMap((d) => (d.system.name ? [[d.prefix, d.system.name] as const] : [])),
);

/** How to purge a copy held by a system of that kind. */
export const PURGE: Record<string, string> = Object.fromEntries(
  descriptors.map((d) => [d.system.kind, d.system.purge]),
);

/** The prefix and spec of a target string (a stored one that no longer parses: a path). */
export function targetSpec(target: string): { prefix: string; spec: string } {
  try {
    const { target: t } = parseTarget(target);
    return { prefix: t.prefix, spec: t.spec };
  } catch {
    return { prefix: "fs", spec: target };
  }
}

/** The target (among several) a copy most likely came from: longest path prefix, else same source. */
export function pickTarget(rec: CopyRecord, targets: readonly string[]): string | undefined {
  const file = String(rec.location.path ?? "");
  let best: string | undefined;
  let bestLen = -1;
  for (const t of targets) {
    const { spec } = targetSpec(t);
    if (spec && file.startsWith(spec) && spec.length > bestLen) [best, bestLen] = [t, spec.length];
  }
  if (best) return best;
  return targets.find((t) => targetSpec(t).prefix === rec.source);
}

/** The system a copy lives in; `target` is the scan target that found it, when known. */
export function systemOf(rec: CopyRecord, target?: string): System {
  const kind = KIND[rec.source] ?? rec.source;
  const loc = rec.location;
  const file = typeof loc.path === "string" ? loc.path.split("!")[0]! : "";
  const from = target ?? rec.target;
  const spec = from ? targetSpec(from).spec : "";
  const namer = NAMER.get(rec.source);
  if (namer) return { kind, name: namer(loc, spec) };
  switch (rec.source) {
    case "slack":
    case "slack-export":
      return { kind, name: `#${String(loc.channelName ?? loc.channel ?? "?")}` };
    case "jira":
    case "jira-export":
      return { kind, name: String(loc.issue ?? "?").split("-")[0]! };
    case "git":
    case "git-staged":
      // a location names the path inside the repository; the repository is the target's
      return { kind, name: spec || "git" };
    case "har":
      return { kind, name: file || spec };
    case "stdin":
      return { kind, name: "-" };
    default:
      return { kind, name: spec || file.replace(/[\\/][^\\/]*$/, "") || "." };
  }
}

/** The label of a system, e.g. "Slack channel #deploys". */
export function systemLabel(s: System): string {
  return `${s.kind} ${s.name}`;
}
