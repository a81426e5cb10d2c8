/**
 * A fake GitHub REST API for the `github:` source, fed API-shaped data; the real Octokit is
 * pointed at it through GITHUB_API_URL. The organization's repositories are paged two at a time
 * with Link headers, the first listing answers a 403 rate limit that resets in a second; each
 * repository's clone URL is served by the same server (git-host.ts); issues, issue comments and
 * review comments are listed per repository.
 */
import { rateLimited } from "./fake-github.js";
import { gitHost } from "./git-host.js";
import type { FakeResponse } from "./http-server.mjs";
import { startServer } from "./http-server.mjs";

/** One repository of the fake organization. */
export interface FakeGhRepo {
  name: string;
  /** A working repository to serve; none: the clone answers 404. */
  dir?: string;
  fork?: boolean;
  archived?: boolean;
  issues?: { number: number; title: string; body: string; pull?: boolean }[];
  comments?: { id: number; issue: number; body: string }[];
  reviewComments?: { id: number; pull: number; body: string }[];
}

const PAGE = 2;

function paged(url: URL, base: string, items: unknown[]): FakeResponse {
  const page = Number(url.searchParams.get("page") || 1);
  const headers: Record<string, string> = {};
  if (page * PAGE < items.length) {
    const next = new URL(url.pathname + url.search, base);
    next.searchParams.set("page", String(page + 1));
    headers.link = `<${next.href}>; rel="next"`;
  }
  return { headers, json: items.slice((page - 1) * PAGE, page * PAGE) };
}

/** Starts the fake; `url` is the API base URL to give as GITHUB_API_URL. */
export async function startFakeGitHubOrg(org: string, repos: FakeGhRepo[], token: string) {
  const host = gitHost(`Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`);
  for (const r of repos) if (r.dir) host.add(`${org}/${r.name}`, r.dir);
  let limited = false;
  const web = `https://github.example/${org}`;
  const shape = (base: string, r: FakeGhRepo) => ({
    full_name: `${org}/${r.name}`,
    name: r.name,
    html_url: `${web}/${r.name}`,
    clone_url: `${base}/git/${org}/${r.name}.git`,
    fork: !!r.fork,
    archived: !!r.archived,
  });
  const server = await startServer(({ url, headers }): FakeResponse => {
    const base = `http://${headers.host}`;
    const p = url.pathname;
    const git = host.serve(p, headers.authorization as string | undefined);
    if (git) return git;
    if (headers.authorization !== `token ${token}` && headers.authorization !== `Bearer ${token}`)
      return { status: 401, json: { message: "Bad credentials" } };
    if (p === `/orgs/${org}/repos`) {
      if (!limited) {
        limited = true;
        return rateLimited();
      }
      return paged(
        url,
        base,
        repos.map((r) => shape(base, r)),
      );
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(p);
    const r = m && m[1] === org ? repos.find((x) => x.name === m[2]) : undefined;
    if (!m || !r) return { status: 404, json: { message: "Not Found" } };
    const html = `${web}/${r.name}`;
    if (!m[3]) return { json: shape(base, r) };
    // every ticket here was last updated on 2024-06-01: a later since= lists none
    const since = url.searchParams.get("since");
    if (since && Date.parse(since) > Date.parse("2024-06-01T00:00:00Z") && m[3] !== "") return { json: [] };
    if (m[3] === "/issues")
      return paged(
        url,
        base,
        (r.issues ?? []).map((i) => ({
          number: i.number,
          title: i.title,
          body: i.body,
          html_url: `${html}/${i.pull ? "pull" : "issues"}/${i.number}`,
          ...(i.pull && { pull_request: { url: "x" } }),
        })),
      );
    if (m[3] === "/issues/comments")
      return paged(
        url,
        base,
        (r.comments ?? []).map((c) => ({
          id: c.id,
          body: c.body,
          issue_url: `${base}/repos/${org}/${r.name}/issues/${c.issue}`,
          html_url: `${html}/issues/${c.issue}#issuecomment-${c.id}`,
        })),
      );
    if (m[3] === "/pulls/comments")
      return paged(
        url,
        base,
        (r.reviewComments ?? []).map((c) => ({
          id: c.id,
          body: c.body,
          pull_request_url: `${base}/repos/${org}/${r.name}/pulls/${c.pull}`,
          html_url: `${html}/pull/${c.pull}#discussion_r${c.id}`,
        })),
      );
    return { status: 404, json: { message: "Not Found" } };
  });
  return { ...server, host };
}
