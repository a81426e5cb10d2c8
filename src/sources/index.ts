/** The source registry: target prefix → factory, sorted. Adding a source is adding a file and a line. */
import type { SourceFactory } from "../types.js";
import { fsSource } from "./fs.js";
import { gitSource } from "./git.js";
import { gitStagedSource } from "./git-staged.js";
import { harSource } from "./har.js";
import { jiraSource } from "./jira.js";
import { jiraExportSource } from "./jira-export.js";
import { logsSource } from "./logs.js";
import { slackSource } from "./slack.js";
import { slackExportSource } from "./slack-export.js";
import { stdinSource } from "./stdin.js";

/** Target prefixes (before the first colon) and their factories. */
export const sources: Readonly<Record<string, SourceFactory>> = {
  fs: fsSource,
  git: gitSource,
  "git-staged": gitStagedSource,
  har: harSource,
  jira: jiraSource,
  "jira-export": jiraExportSource,
  logs: logsSource,
  slack: slackSource,
  "slack-export": slackExportSource,
};

/** Splits a DESIGN.md target string into a source factory and its spec. */
export function resolveTarget(target: string): { kind: string; spec: string; factory: SourceFactory } {
  if (target === "-") return { kind: "stdin", spec: "-", factory: stdinSource };
  const m = /^([a-z][a-z-]*):(.*)$/s.exec(target);
  if (m && m[1] !== "fs" && Object.hasOwn(sources, m[1]!)) {
    return { kind: m[1]!, spec: m[2]!, factory: sources[m[1]!]! };
  }
  const spec = m?.[1] === "fs" ? m[2]! : target;
  return { kind: "fs", spec, factory: fsSource };
}
