/** The `jira:https://SITE[?jql=…&since=…]` target: site, JQL and the `since=` bound. */
import { UsageError } from "../../errors.js";
import { parseWhen } from "../shared/cursor.js";

/** What the `jira:` target reads. */
export interface JiraQuery {
  /** Site base URL without a trailing slash (may hold a context path: https://host/jira). */
  site: string;
  jql?: string;
  /** Epoch seconds. */
  since?: number;
}

/** Parses the target after `jira:`; throws UsageError for a URL that is not http(s). */
export function parseJiraSpec(spec: string): JiraQuery {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new UsageError(`jira:${spec}: not a URL; use jira:https://SITE[?jql=…&since=…]`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new UsageError(`jira:${spec}: use an http(s) URL of the Jira site`);
  for (const key of url.searchParams.keys()) {
    if (key !== "jql" && key !== "since")
      throw new UsageError(`jira:${spec}: unknown parameter "${key}"; allowed: jql, since`);
  }
  const jql = url.searchParams.get("jql")?.trim() || undefined;
  const since = url.searchParams.get("since");
  return {
    site: `${url.origin}${url.pathname}`.replace(/\/+$/, ""),
    jql,
    since: since ? parseWhen("since", since) : undefined,
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
