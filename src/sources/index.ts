/** The source registry: target prefix → factory, sorted. Adding a source is adding a file and a line. */
import type { SourceFactory } from "../types.js";
import { fsSource } from "./fs/index.js";
import { stdinSource } from "./stdin/index.js";

type Loader = () => Promise<SourceFactory>;

/**
 * Target prefixes (before the first colon) and their factories, loaded on first use so that a
 * staged scan does not load the Slack or Jira clients (start-up time of the pre-commit hook).
 */
export const sources: Readonly<Record<string, Loader>> = {
  fs: async () => fsSource,
  git: () => import("./git/index.js").then((m) => m.gitSource),
  "git-staged": () => import("./git-staged/index.js").then((m) => m.gitStagedSource),
  har: () => import("./har/index.js").then((m) => m.harSource),
  jira: () => import("./jira/index.js").then((m) => m.jiraSource),
  "jira-export": () => import("./jira-export/index.js").then((m) => m.jiraExportSource),
  logs: () => import("./logs/index.js").then((m) => m.logsSource),
  slack: () => import("./slack/index.js").then((m) => m.slackSource),
  "slack-export": () => import("./slack-export/index.js").then((m) => m.slackExportSource),
};

/** Splits a DESIGN.md target string into a source factory and its spec. */
export async function resolveTarget(
  target: string,
): Promise<{ kind: string; spec: string; factory: SourceFactory }> {
  if (target === "-") return { kind: "stdin", spec: "-", factory: stdinSource };
  const m = /^([a-z][a-z-]*):(.*)$/s.exec(target);
  if (m && m[1] !== "fs" && Object.hasOwn(sources, m[1]!)) {
    return { kind: m[1]!, spec: m[2]!, factory: await sources[m[1]!]!() };
  }
  const spec = m?.[1] === "fs" ? m[2]! : target;
  return { kind: "fs", spec, factory: fsSource };
}
