/** The `jira:https://SITE[?jql=…&since=…]` target: site, JQL and the `since=` bound. */
import type { Target } from "../descriptor.js";

/** What the `jira:` target reads. */
export interface JiraQuery {
  /** Site base URL without a trailing slash (may hold a context path: https://host/jira). */
  site: string;
  jql?: string;
  /** Epoch seconds. */
  since?: number;
}

/** Why a `jira:` spec is not the URL of a Jira site, or undefined when it is one. */
export function siteProblem(spec: string): string | undefined {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    return "not a URL; use jira:https://SITE[?jql=…&since=…]";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "use an http(s) URL of the Jira site";
  return undefined;
}

/** What a parsed `jira:` target reads; `since` is the lower bound of this read. */
export function jiraScope(
  target: Target<{ jql?: string; since?: number }>,
  since = target.query.since,
): JiraQuery {
  const url = new URL(target.spec);
  return {
    site: `${url.origin}${url.pathname}`.replace(/\/+$/, ""),
    jql: target.query.jql?.trim() || undefined,
    since,
  };
}

/** `2024/05/01 10:00` in UTC, the JQL date form. */
function jqlDate(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "/")} ${iso.slice(11, 16)}`;
}

/**
 * The JQL to run: the user's (without its ORDER BY), bounded by `updated >=` a day before
 * `since` (JQL reads dates in the user's time zone; the exact bound is applied to the results),
 * ordered by `updated` so the last issue read is the resume cursor.
 */
export function buildJql(q: JiraQuery): string {
  const user = q.jql?.replace(/\border\s+by\b[\s\S]*$/i, "").trim();
  const clauses: string[] = [];
  if (user) clauses.push(`(${user})`);
  // the enhanced search rejects unbounded queries; a date bound is the cheapest restriction
  if (q.since !== undefined || !user)
    clauses.push(`updated >= "${jqlDate(Math.max(0, (q.since ?? 0) - 86400))}"`);
  return `${clauses.join(" AND ")} ORDER BY updated ASC, key ASC`;
}
