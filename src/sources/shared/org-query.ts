/** The query of the organization targets (`github:ORG?…`, `gitlab:GROUP?…`): issues, forks, archived, since. */
import { z } from "zod";
import { boolParam, whenParam } from "./query.js";

/** What `github:…?…` and `gitlab:…?…` may say. */
export const orgQuery = z
  .object({
    /** Also issue and pull/merge-request titles, bodies and comments. */
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

/** What an organization target reads. */
export type OrgQuery = z.output<typeof orgQuery>;

/** An epoch-seconds bound as ISO 8601 (what GitHub's `since`, GitLab's `updated_after` and git's `--since` take). */
export function isoOf(seconds: number | undefined): string | undefined {
  return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
}
