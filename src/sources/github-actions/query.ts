/** The `github-actions:OWNER[/REPO][?since=…&until=…&workflow=…&branch=…]` target. */
import { z } from "zod";
import { whenParam } from "../shared/query.js";

/** What `github-actions:…?…` may say. */
export const githubActionsQuery = z
  .object({
    since: whenParam,
    until: whenParam,
    /** A workflow file name (`ci.yml`) or id. */
    workflow: z.string().min(1),
    branch: z.string().min(1),
  })
  .partial()
  .strict();

/** What the `github-actions:` target reads. */
export type GitHubActionsQuery = z.output<typeof githubActionsQuery>;

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Why a spec is not OWNER or OWNER/REPO, or undefined. */
export function ownerRepoProblem(spec: string): string | undefined {
  const parts = spec.split("/");
  if (parts.length > 2 || !parts.every((p) => NAME.test(p)))
    return "use OWNER or OWNER/REPO (letters, digits, '-', '_', '.')";
  return undefined;
}

/** GitHub's `created` filter for a time window (epoch seconds), or undefined for all time. */
export function createdFilter(since?: number, until?: number): string | undefined {
  const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  if (since !== undefined && until !== undefined) return `${iso(since)}..${iso(until)}`;
  if (since !== undefined) return `>=${iso(since)}`;
  if (until !== undefined) return `<=${iso(until)}`;
  return undefined;
}
