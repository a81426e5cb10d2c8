/**
 * Where a copy lives, for people: the system (repository, Slack channel, Jira project, log store,
 * HAR capture, folder) derived from a finding's source and location, and how to purge it there.
 * Shared by the HTML report and the sweep store (which charts copies per system across runs).
 */

/** A finding as DESIGN.md's JSON (findingJson), plus what sweeps and verification add. */
export interface CopyRecord {
  id: string;
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
}

/** The kind of a system and its name, e.g. {kind: "Slack channel", name: "#deploys"}. */
export interface System {
  kind: string;
  name: string;
}

const KIND: Record<string, string> = {
  fs: "folder",
  git: "repository",
  "git-staged": "repository",
  logs: "log store",
  har: "HAR capture",
  slack: "Slack channel",
  "slack-export": "Slack channel",
  jira: "Jira project",
  "jira-export": "Jira project",
  stdin: "standard input",
};

/** How to purge a copy held by a system of that kind. */
export const PURGE: Record<string, string> = {
  folder: "delete the file or remove the value from it, then check backups and copies of the folder",
  repository:
    "rewrite git history (git filter-repo --replace-text), force-push every ref, and ask the host to drop cached views and pull-request refs",
  "log store": "delete the log (or the build's log archive) and any copies shipped to log aggregation",
  "HAR capture": "delete the capture, and every ticket or chat message it was attached to",
  "Slack channel": "delete the Slack message (and its thread replies and file uploads holding it)",
  "Jira project": "edit the Jira field or comment, and purge it from the issue history (changelog)",
  "standard input": "find where the piped text came from and purge it there",
};

/** The spec of a target string, without its `prefix:`. */
export function targetSpec(target: string): { prefix: string; spec: string } {
  const m = /^([a-z][a-z-]*):(.*)$/s.exec(target);
  if (m && !/^[a-z]+:\/\//i.test(target)) return { prefix: m[1]!, spec: m[2]! };
  return { prefix: "", spec: target };
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
  const prefix = rec.source === "fs" ? "" : rec.source;
  return targets.find((t) => targetSpec(t).prefix === prefix);
}

/** The system a copy lives in; `target` is the scan target that found it, when known. */
export function systemOf(rec: CopyRecord, target?: string): System {
  const kind = KIND[rec.source] ?? rec.source;
  const loc = rec.location;
  const file = typeof loc.path === "string" ? loc.path.split("!")[0]! : "";
  const spec = target ? targetSpec(target).spec : "";
  switch (rec.source) {
    case "slack":
    case "slack-export":
      return { kind, name: `#${String(loc.channelName ?? loc.channel ?? "?")}` };
    case "jira":
    case "jira-export":
      return { kind, name: String(loc.issue ?? "?").split("-")[0]! };
    case "git":
    case "git-staged":
      return { kind, name: String(loc.repo ?? loc.repository ?? (spec || "git")) };
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
