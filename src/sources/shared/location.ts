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

/** Where a copy in git lives. */
export const gitKeys = {
  path: z.string().describe("the file's path in the repository"),
  commit: z.string().optional().describe("the commit that introduced the copy"),
  author: z.string().optional(),
  date: z.string().optional(),
  refs: z.array(z.string()).optional().describe("the refs whose history holds it"),
  atHead: z.boolean().optional().describe("still in the tip of the default branch"),
  survives: z.enum(["head", "history", "unreachable"]).optional(),
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
  "blob",
  "channelName",
  "threadTs",
  "user",
  "method",
  "url",
  "uri",
]);

/**
 * The order identity keys enter a finding's id. It is fixed so that ids stay the same across
 * versions; keys of a new source that are not listed come after, in the order it declares them.
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
