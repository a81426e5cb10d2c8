/**
 * A fake GitLab REST API (v4) for the CI source, fed API-shaped jobs; the real Gitbeaker client
 * is pointed at it through GITLAB_URL. Lists are offset-paged two at a time (x-next-page), a
 * job's artifacts answer 302 to a zip, expired ones 404; faults: a 429 with Retry-After once, a
 * 404 project.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FakeResponse } from "./http-server.mjs";
import { startServer } from "./http-server.mjs";
import { writeZip } from "./zip-writer.mjs";

/** One job: its trace and, maybe, an artifacts archive. */
export interface FakeJob {
  id: number;
  name: string;
  created: string;
  trace: string;
  artifacts?: Record<string, string>;
  expired?: boolean;
}

/** The fake group: projects by name with their jobs, newest first. */
export interface FakeGroup {
  group: string;
  projects: Record<string, FakeJob[]>;
  missing?: string[];
}

const PAGE = 2;

/** One offset page of `items` with GitLab's paging headers. */
export function paged(url: URL, items: unknown[]): FakeResponse {
  const page = Number(url.searchParams.get("page") || 1);
  const headers: Record<string, string> = { "x-page": String(page), "x-per-page": String(PAGE) };
  if (page * PAGE < items.length) headers["x-next-page"] = String(page + 1);
  return { headers, json: items.slice((page - 1) * PAGE, page * PAGE) };
}

/** Starts the fake; `url` is the instance URL to give as GITLAB_URL. */
export async function startFakeGitLab(data: FakeGroup, token: string) {
  let limited = false;
  const zips = new Map<number, Buffer>();
  for (const jobs of Object.values(data.projects))
    for (const j of jobs)
      if (j.artifacts) {
        const f = path.join(mkdtempSync(path.join(tmpdir(), "residue-fakegl-")), "a.zip");
        writeZip(f, j.artifacts);
        zips.set(j.id, readFileSync(f));
      }
  return startServer(({ url, headers }): FakeResponse => {
    const base = `http://${headers.host}`;
    const p = decodeURIComponent(url.pathname);
    const blob = /^\/blob\/(\d+)$/.exec(p);
    if (blob)
      return { headers: { "content-type": "application/zip" }, text: zips.get(Number(blob[1])) as never };
    if (headers["private-token"] !== token) return { status: 401, json: { message: "401 Unauthorized" } };
    if (p === `/api/v4/groups/${data.group}/projects`)
      return paged(
        url,
        Object.keys(data.projects).map((n, i) => ({ id: i + 1, path_with_namespace: `${data.group}/${n}` })),
      );
    const m = /^\/api\/v4\/projects\/([^/]+)\/([^/]+)(\/.*)?$/.exec(p);
    if (!m || m[1] !== data.group) return { status: 404, json: { message: "404 Not Found" } };
    const [, , name, rest = ""] = m;
    const jobs = data.projects[name!];
    if (!jobs || data.missing?.includes(name!))
      return { status: 404, json: { message: "404 Project Not Found" } };
    if (rest === "") return { json: { id: 1, path_with_namespace: `${data.group}/${name}` } };
    if (rest === "/jobs") {
      if (!limited) {
        limited = true;
        return { status: 429, headers: { "retry-after": "1" }, json: { message: "429 Too Many Requests" } };
      }
      return paged(
        url,
        jobs.map((j) => ({
          id: j.id,
          name: j.name,
          stage: "test",
          status: "success",
          created_at: j.created,
          web_url: `https://gitlab.example/${data.group}/${name}/-/jobs/${j.id}`,
          pipeline: { id: j.id * 10 },
          artifacts_file: j.artifacts ? { filename: "artifacts.zip" } : null,
          artifacts_expire_at: j.expired ? "2020-01-01T00:00:00Z" : null,
        })),
      );
    }
    const t = /^\/jobs\/(\d+)\/(trace|artifacts)$/.exec(rest);
    const job = t && jobs.find((j) => j.id === Number(t[1]));
    if (!t || !job) return { status: 404, json: { message: "404 Not Found" } };
    if (t[2] === "trace") return { headers: { "content-type": "text/plain" }, text: job.trace };
    if (!job.artifacts || job.expired) return { status: 404, json: { message: "404 Not Found" } };
    return { status: 302, headers: { location: `${base}/blob/${job.id}` } };
  });
}
