/**
 * Building blocks of the `location` of a finding: each source declares its variant with
 * `locationOf(prefix, keys)`, and the registry joins them into one discriminated union (the
 * provenance type, the JSON `location`, the published JSON Schema). Every variant may carry the
 * keys of what was found inside an item: an archive member, a HAR entry.
 */
import { z } from "zod";

/** Keys any location may add for content found inside an item. */
const inside = {
  path: z.string().optional().describe("the file, or `outer.zip!dir/inner.txt` inside an archive"),
  member: z.string().optional().describe("the innermost archive member's name"),
  entry: z.number().int().optional().describe("HAR: the 0-based index in log.entries"),
  field: z.string().optional().describe("the field: a HAR field, a message or issue field"),
  method: z.string().optional().describe("HAR: the request method"),
  url: z.string().optional().describe("HAR: the request URL, secret-looking parts redacted"),
};

/** The location variant of one source: `source` is its prefix; `uri` is the locator a person opens. */
export function locationOf<P extends string, S extends z.ZodRawShape>(source: P, keys: S) {
  // a key of the source's own (a required path) replaces the optional one
  const common = inside as Omit<typeof inside, keyof S>;
  return z.object({
    source: z.literal(source),
    ...common,
    ...keys,
    uri: z.string().optional().describe("a locator a person can open (the finding's uri)"),
  });
}

/** A file's location (folders, logs, HAR captures, standard input). */
export const fileKeys = { path: z.string().describe("the file as the target names it") };

/** One version of a file holding a copy found in git history. */
const version = z.object({
  commit: z.string().optional().describe("a commit that introduced this version"),
  blob: z.string().describe("the version's blob id"),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});

/** Where a copy in git lives: a file in history, or a commit or tag message (`field`). */
export const gitKeys = {
  path: z.string().optional().describe("the file's path in the repository (absent for a message)"),
  commit: z.string().optional().describe("the commit that introduced the copy (or whose message holds it)"),
  tag: z.string().optional().describe("the annotated tag whose message holds the copy"),
  author: z.string().optional(),
  date: z.string().optional(),
  refs: z.array(z.string()).optional().describe("the refs whose history holds it"),
  atHead: z.boolean().optional().describe("still in the tip of the default branch"),
  survives: z.enum(["head", "history", "unreachable"]).optional(),
  lastCommit: z.string().optional().describe("the last commit that still had the copy"),
  versionCount: z.number().int().optional().describe("how many versions of the file hold it"),
  versions: z.array(version).optional().describe("every version of the file holding it"),
  blob: z.string().optional().describe("the blob's id (git cat-file -p BLOB)"),
};

/** Where a copy in Slack lives. */
export const slackKeys = {
  channel: z.string(),
  channelName: z.string().optional(),
  ts: z.string().optional().describe("the message's ts"),
  threadTs: z.string().optional().describe("the thread's ts, for a reply"),
  user: z.string().optional(),
};

/** Where a copy in Jira lives. */
export const jiraKeys = {
  issue: z.string().describe("the issue key"),
  comment: z.string().optional().describe("the comment id"),
  worklog: z.string().optional().describe("the worklog id"),
  changelog: z.string().optional().describe("the changelog history id"),
  attachment: z.string().optional().describe("the attachment's file name"),
};

/**
 * Location keys that may change between runs without the copy moving (who, when, which refs, a
 * display name): they do not enter a finding's id. Every other key identifies the container.
 */
export const VOLATILE_KEYS: ReadonlySet<string> = new Set([
  "author",
  "date",
  "refs",
  "atHead",
  "survives",
  "lastCommit",
  "versionCount",
  "versions",
  "blob",
  "channelName",
  "threadTs",
  "user",
  "method",
  "url",
  "uri",
]);

/**
 * The order identity keys enter a container key (and so a finding's id). It is fixed so that ids
 * stay the same across versions; a declared key that is neither listed here nor volatile (git's
 * `tag`) is added after them, only when it is set, so the keys of containers without it do not change.
 */
export const IDENTITY_ORDER = [
  "source",
  "path",
  "member",
  "commit",
  "channel",
  "ts",
  "issue",
  "field",
  "comment",
  "changelog",
  "worklog",
  "attachment",
  "entry",
] as const;
