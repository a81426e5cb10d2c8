/** The `github:OWNER[/REPO][?issues=…&forks=…&archived=…&since=…]` target. */
import { z } from "zod";
import { boolParam, whenParam } from "../shared/query.js";

/** What `github:…?…` may say. */
export const githubQuery = z
  .object({
    /** Also issue and pull-request titles, bodies, comments and review comments. */
    issues: boolParam,
    /** Also forks (skipped by default: their history is mostly their upstream's). */
    forks: boolParam,
    /** Archived repositories (read by default: archived is still readable). */
    archived: boolParam,
    /** Commits dated after it, issues and comments updated after it. */
    since: whenParam,
  })
  .partial()
  .strict();

/** What the `github:` target reads. */
export type GitHubQuery = z.output<typeof githubQuery>;

/** An epoch-seconds bound as ISO 8601 (what GitHub's `since` and git's `--since` take). */
export function isoOf(seconds: number | undefined): string | undefined {
  return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
}
