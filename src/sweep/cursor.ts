/**
 * Passing a stored cursor back to a source. The Slack and Jira sources take their resume point as
 * `since=` in the target's query (`slack:?since=…`, `jira:https://SITE?jql=…&since=…`,
 * `slack-export:PATH?since=…`); other sources (git) read the `since` scan option.
 */

const QUERY_TARGETS = new Set(["slack", "slack-export", "jira", "jira-export"]);

/** Whether a target reads its resume point from its own query string. */
export function takesSinceInQuery(target: string): boolean {
  const m = /^([a-z][a-z-]*):/.exec(target);
  return !!m && QUERY_TARGETS.has(m[1]!);
}

/** Whether a target already asks for items after some point (so it is an incremental read). */
export function hasSince(target: string): boolean {
  return takesSinceInQuery(target) && /[?&]since=/.test(target);
}

/** The target with `since=value` set in its query (replacing one already there). */
export function withSince(target: string, value: string): string {
  if (!takesSinceInQuery(target)) return target;
  const colon = target.indexOf(":");
  const [prefix, spec] = [target.slice(0, colon), target.slice(colon + 1)];
  const q = spec.lastIndexOf("?");
  // an export path may itself hold a "?": only a query that starts with a known key is one
  const isQuery =
    q !== -1 &&
    (prefix === "slack" || prefix === "jira" || /^(since|until|channels|site)=/.test(spec.slice(q + 1)));
  const base = isQuery ? spec.slice(0, q) : spec;
  const params = new URLSearchParams(isQuery ? spec.slice(q + 1) : "");
  params.delete("since");
  const rest = params.toString();
  // since first: the export sources recognise a query by its first key
  return `${prefix}:${base}?since=${encodeURIComponent(value)}${rest ? `&${rest}` : ""}`;
}
