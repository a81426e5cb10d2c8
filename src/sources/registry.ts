/**
 * The source registry: target prefix → descriptor, sorted. Adding a source is adding its folder
 * and one line here; the CLI flags, the sweep config schema, the library's option types and the
 * systems of reports all derive from these descriptors.
 */
import type { z } from "zod";
import type { SourceDescriptor } from "./descriptor.js";
import { fsDescriptor } from "./fs/descriptor.js";
import { gitDescriptor } from "./git/descriptor.js";
import { gitStagedDescriptor } from "./git-staged/descriptor.js";
import { githubActionsDescriptor } from "./github-actions/descriptor.js";
import { gitlabCiDescriptor } from "./gitlab-ci/descriptor.js";
import { harDescriptor } from "./har/descriptor.js";
import { jenkinsDescriptor } from "./jenkins/descriptor.js";
import { jiraDescriptor } from "./jira/descriptor.js";
import { jiraExportDescriptor } from "./jira-export/descriptor.js";
import { logsDescriptor } from "./logs/descriptor.js";
import { slackDescriptor } from "./slack/descriptor.js";
import { slackExportDescriptor } from "./slack-export/descriptor.js";
import { stdinDescriptor } from "./stdin/descriptor.js";

/** Every source, by prefix. */
export const registry = {
  fs: fsDescriptor,
  git: gitDescriptor,
  "git-staged": gitStagedDescriptor,
  "github-actions": githubActionsDescriptor,
  "gitlab-ci": gitlabCiDescriptor,
  har: harDescriptor,
  jenkins: jenkinsDescriptor,
  jira: jiraDescriptor,
  "jira-export": jiraExportDescriptor,
  logs: logsDescriptor,
  slack: slackDescriptor,
  "slack-export": slackExportDescriptor,
  stdin: stdinDescriptor,
};

type Registry = typeof registry;

/** A source prefix; also the JSON `source` of a finding. */
export type SourcePrefix = keyof Registry;

/** The descriptors, in registry order. */
export const descriptors: readonly SourceDescriptor[] = Object.values(registry) as SourceDescriptor[];

/** The descriptor of a prefix, or undefined. */
export function descriptorOf(prefix: string): SourceDescriptor | undefined {
  return Object.hasOwn(registry, prefix) ? (registry[prefix as SourcePrefix] as SourceDescriptor) : undefined;
}

type Union<T> = T extends unknown ? T : never;
type ShapeOf<D> = D extends SourceDescriptor<string, infer O> ? O["shape"] : never;
type Shapes = Union<ShapeOf<Registry[SourcePrefix]>>;
type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Fields = Intersect<Shapes>;

/** The location of a finding of any source: the union of the descriptors' `location` variants. */
export type SourceLocation = { [K in SourcePrefix]: z.output<Registry[K]["location"]> }[SourcePrefix];

/** Every source's options, as a library caller gives them (a key means the same to every source taking it). */
export type SourceOptions = {
  [K in keyof Fields]?: Fields[K] extends z.ZodType ? z.input<Fields[K]> : never;
};

/** Every source option field by key, with the prefixes of the sources that take it. */
export function sourceOptionFields(): Map<string, { schema: z.ZodType; prefixes: string[] }> {
  const out = new Map<string, { schema: z.ZodType; prefixes: string[] }>();
  for (const d of descriptors) {
    for (const [key, schema] of Object.entries(d.options.shape)) {
      const seen = out.get(key);
      if (seen && seen.schema !== schema)
        throw new Error(`source option ${key} is declared twice with different schemas (${d.prefix})`);
      if (seen) seen.prefixes.push(d.prefix);
      else out.set(key, { schema: schema as z.ZodType, prefixes: [d.prefix] });
    }
  }
  return out;
}
