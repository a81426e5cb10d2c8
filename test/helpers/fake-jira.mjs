// A fake Jira REST API fed REST-shaped issues, for tests and the bench: the real jira.js clients
// are pointed at it with `host`. Cloud (v3, enhanced search by nextPageToken, basic auth) and
// Server/DC (v2, search by startAt, bearer PAT). Search results inline only the first comments,
// worklogs and changelog entries, as Jira does, so the client must page for the rest.

import { startServer } from "./http-server.mjs";

const INLINE = 2;

function inlined(issue, base, version) {
  const f = { ...issue.fields };
  const comments = f.comment?.comments ?? [];
  const worklogs = f.worklog?.worklogs ?? [];
  f.comment = { comments: comments.slice(0, INLINE), total: comments.length, startAt: 0, maxResults: INLINE };
  f.worklog = { worklogs: worklogs.slice(0, INLINE), total: worklogs.length, startAt: 0, maxResults: INLINE };
  const h = issue.changelog?.histories ?? [];
  const changelog = { histories: h.slice(0, INLINE), total: h.length, startAt: 0, maxResults: INLINE };
  return { ...issue, self: `${base}/rest/api/${version}/issue/${issue.id}`, fields: f, changelog };
}

function slice(items, url, key, extra = {}) {
  const startAt = Number(url.searchParams.get("startAt") || 0);
  const max = Number(url.searchParams.get("maxResults") || 50);
  const values = items.slice(startAt, startAt + max);
  return {
    startAt,
    maxResults: max,
    total: items.length,
    isLast: startAt + max >= items.length,
    [key]: values,
    ...extra,
  };
}

/** Issues with `updated >=` the JQL's bound (the only clause the fake understands). */
function matching(issues, jql) {
  const m = /updated >= "(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d)"/.exec(jql ?? "");
  if (!m) return issues;
  const bound = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00Z`);
  return issues.filter((i) => Date.parse(i.fields.updated) >= bound);
}

function route(data, url, base, state) {
  const p = url.pathname;
  const issues = data.issues();
  if (p === "/rest/api/3/search/jql") {
    state.jql.push(url.searchParams.get("jql"));
    const all = matching(issues, url.searchParams.get("jql"));
    const at = Number(url.searchParams.get("nextPageToken") || 0);
    const max = Number(url.searchParams.get("maxResults") || 50);
    const page = all.slice(at, at + max).map((i) => inlined(i, base, 3));
    const more = at + max < all.length;
    return { json: { issues: page, isLast: !more, ...(more ? { nextPageToken: String(at + max) } : {}) } };
  }
  if (p === "/rest/api/2/search") {
    state.jql.push(url.searchParams.get("jql"));
    const all = matching(issues, url.searchParams.get("jql"));
    const r = slice(all, url, "issues");
    r.issues = r.issues.map((i) => inlined(data.v2 ? data.v2(i) : i, base, 2));
    return { json: r };
  }
  const m = /^\/rest\/api\/[23]\/issue\/([^/]+)\/(comment|worklog|changelog)$/.exec(p);
  if (m) {
    const issue = issues.find((i) => i.key === m[1] || i.id === m[1]);
    if (!issue) return { status: 404, json: { errorMessages: ["Issue does not exist"] } };
    if (m[2] === "comment") return { json: slice(issue.fields.comment?.comments ?? [], url, "comments") };
    if (m[2] === "worklog") return { json: slice(issue.fields.worklog?.worklogs ?? [], url, "worklogs") };
    return { json: slice(issue.changelog?.histories ?? [], url, "values") };
  }
  const a = /^\/attachments\/([^/]+)$/.exec(p);
  if (a && data.attachments?.[a[1]] !== undefined) return { text: data.attachments[a[1]] };
  return { status: 404, json: { errorMessages: ["not found"] } };
}

/**
 * Starts the fake. data: {issues() → REST issues (all comments, worklogs, histories),
 * attachments?: {id: text}, v2?(issue) → the issue as API v2 shows it};
 * opts: {email?, apiToken?, pat?, fault?({path, n})}.
 */
export async function startFakeJira(data, opts = {}) {
  const state = { jql: [], counts: new Map() };
  let base = "";
  const server = await startServer(({ url, headers }) => {
    const n = (state.counts.get(url.pathname) ?? 0) + 1;
    state.counts.set(url.pathname, n);
    const injected = opts.fault?.({ path: url.pathname, n });
    if (injected) return injected;
    const basic = opts.email && `Basic ${Buffer.from(`${opts.email}:${opts.apiToken}`).toString("base64")}`;
    const ok =
      headers.authorization &&
      (headers.authorization === basic || headers.authorization === `Bearer ${opts.pat}`);
    if (!ok) return { status: 401, json: { errorMessages: ["You are not authenticated."] } };
    return route(data, url, base, state);
  });
  base = server.url;
  return { ...server, jql: state.jql, counts: state.counts };
}
