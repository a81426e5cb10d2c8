/**
 * A fake GitLab REST API (v4) for the `gitlab:` source, fed API-shaped projects; the real
 * Gitbeaker client is pointed at it through GITLAB_URL. The group's projects (subgroups'
 * included) are offset-paged two at a time, the first listing answers a 429 with RateLimit-Reset;
 * each project's clone URL is served by the same server (git-host.ts); issues, merge requests and
 * their notes are listed per project.
 */
import { paged } from "./fake-gitlab.js";
import { gitHost } from "./git-host.js";
import type { FakeResponse } from "./http-server.mjs";
import { startServer } from "./http-server.mjs";

/** One project of the fake group (`name` may hold a subgroup: `sub/lib`). */
export interface FakeGlProject {
  name: string;
  dir?: string;
  fork?: boolean;
  archived?: boolean;
  issues?: { iid: number; title: string; description: string }[];
  mergeRequests?: { iid: number; title: string; description: string }[];
  /** Notes by `issue/IID` or `mr/IID`. */
  notes?: Record<string, { id: number; body: string; system?: boolean }[]>;
}

/** Starts the fake; `url` is the instance URL to give as GITLAB_URL. */
export async function startFakeGitLabGroup(group: string, projects: FakeGlProject[], token: string) {
  const host = gitHost(`Basic ${Buffer.from(`oauth2:${token}`).toString("base64")}`);
  for (const p of projects) if (p.dir) host.add(`${group}/${p.name}`, p.dir);
  let limited = false;
  const web = `https://gitlab.example/${group}`;
  const shape = (base: string, p: FakeGlProject, i: number) => ({
    id: i + 1,
    path_with_namespace: `${group}/${p.name}`,
    web_url: `${web}/${p.name}`,
    http_url_to_repo: `${base}/git/${group}/${p.name}.git`,
    archived: !!p.archived,
    ...(p.fork && { forked_from_project: { id: 99 } }),
  });
  const ticket =
    (p: FakeGlProject, kind: string) => (t: { iid: number; title: string; description: string }) => ({
      ...t,
      web_url: `${web}/${p.name}/-/${kind}/${t.iid}`,
    });
  const server = await startServer(({ url, headers }): FakeResponse => {
    const base = `http://${headers.host}`;
    const git = host.serve(url.pathname, headers.authorization as string | undefined);
    if (git) return git;
    if (headers["private-token"] !== token) return { status: 401, json: { message: "401 Unauthorized" } };
    if (url.pathname === `/api/v4/groups/${group}/projects`) {
      if (!limited) {
        limited = true;
        const reset = Math.ceil(Date.now() / 1000) + 1;
        return { status: 429, headers: { "ratelimit-reset": String(reset) }, json: { message: "429" } };
      }
      return paged(
        url,
        projects.map((p, i) => shape(base, p, i)),
      );
    }
    const m = /^\/api\/v4\/projects\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const full = m ? decodeURIComponent(m[1]!) : "";
    const i = projects.findIndex((p) => `${group}/${p.name}` === full);
    const p = projects[i];
    if (!m || !p) return { status: 404, json: { message: "404 Project Not Found" } };
    const rest = m[2] ?? "";
    if (rest === "") return { json: shape(base, p, i) };
    if (rest === "/issues") return paged(url, (p.issues ?? []).map(ticket(p, "issues")));
    if (rest === "/merge_requests")
      return paged(url, (p.mergeRequests ?? []).map(ticket(p, "merge_requests")));
    const n = /^\/(issues|merge_requests)\/(\d+)\/notes$/.exec(rest);
    if (n) {
      const notes = p.notes?.[`${n[1] === "issues" ? "issue" : "mr"}/${n[2]}`] ?? [];
      return paged(
        url,
        notes.map((x) => ({ ...x, system: !!x.system, updated_at: "2024-06-01T00:00:00Z" })),
      );
    }
    return { status: 404, json: { message: "404 Not Found" } };
  });
  return { ...server, host };
}
