/**
 * A fake GitHub REST API for the Actions source, fed API-shaped data; the real Octokit is pointed
 * at it through GITHUB_API_URL. Lists are paged two at a time with Link headers (whatever
 * per_page says); run logs and artifacts answer 302 to a zip served by the same server; an expired
 * artifact answers 410; faults (a 403 rate limit with its reset, a 404 repository) are injected.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FakeResponse } from "./http-server.mjs";
import { startServer } from "./http-server.mjs";
import { writeZip } from "./zip-writer.mjs";

/** One workflow run: its log files (`job/N_step.txt`) and artifacts (`name` → files). */
export interface FakeRun {
  id: number;
  name: string;
  created: string;
  status?: string;
  logs: Record<string, string>;
  artifacts: { name: string; expired?: boolean; files: Record<string, string> }[];
}

/** The fake org: repositories by name, each with its runs. */
export interface FakeOrg {
  org: string;
  repos: Record<string, FakeRun[]>;
  /** Repositories whose runs answer 404. */
  missing?: string[];
  /** Answer the first runs listing with a 403 rate limit that resets in 1 s. */
  rateLimitOnce?: boolean;
}

const PAGE = 2;

/** GitHub's 403 for a spent rate limit, resetting in a second. */
export function rateLimited(): FakeResponse {
  const reset = Math.ceil(Date.now() / 1000) + 1;
  return {
    status: 403,
    headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
    json: { message: "API rate limit exceeded" },
  };
}

function zipBytes(files: Record<string, string>): Buffer {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "residue-fakegh-")), "a.zip");
  writeZip(file, files);
  return readFileSync(file);
}

/** Starts the fake; `url` is the API base URL to give as GITHUB_API_URL. */
export async function startFakeGitHub(data: FakeOrg, token: string) {
  let limited = !data.rateLimitOnce;
  const paged = (url: URL, base: string, items: unknown[], wrap?: string): FakeResponse => {
    const page = Number(url.searchParams.get("page") || 1);
    const slice = items.slice((page - 1) * PAGE, page * PAGE);
    const headers: Record<string, string> = {};
    if (page * PAGE < items.length) {
      const next = new URL(url.pathname + url.search, base);
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return { headers, json: wrap ? { total_count: items.length, [wrap]: slice } : slice };
  };
  const artifacts = new Map<number, { expired: boolean; zip: Buffer }>();
  const logs = new Map<number, Buffer>();
  let nextArtifact = 9000;
  for (const runs of Object.values(data.repos))
    for (const r of runs) {
      logs.set(r.id, zipBytes(r.logs));
      for (const a of r.artifacts)
        artifacts.set(nextArtifact++, { expired: !!a.expired, zip: zipBytes(a.files) });
    }
  const artifactIds = new Map<string, number>();
  let n = 9000;
  for (const runs of Object.values(data.repos))
    for (const r of runs) for (const a of r.artifacts) artifactIds.set(`${r.id}/${a.name}`, n++);
  const server = await startServer(({ url, headers }): FakeResponse => {
    const base = `http://${headers.host}`;
    const p = url.pathname;
    if (p.startsWith("/blob/")) {
      const [, , kind, id] = p.split("/");
      const bytes = kind === "logs" ? logs.get(Number(id)) : artifacts.get(Number(id))?.zip;
      return bytes
        ? { headers: { "content-type": "application/zip" }, text: bytes as unknown as string }
        : { status: 404 };
    }
    if (headers.authorization !== `token ${token}` && headers.authorization !== `Bearer ${token}`)
      return { status: 401, json: { message: "Bad credentials" } };
    if (p === `/orgs/${data.org}/repos`)
      return paged(
        url,
        base,
        Object.keys(data.repos).map((r) => ({ full_name: `${data.org}/${r}`, name: r })),
      );
    const m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/(.*)$/.exec(p);
    if (!m) return { status: 404, json: { message: "Not Found" } };
    const [, , repo, rest] = m as unknown as [string, string, string, string];
    const runs = data.repos[repo!];
    if (!runs || data.missing?.includes(repo!)) return { status: 404, json: { message: "Not Found" } };
    if (rest === "runs") {
      if (!limited) {
        limited = true;
        return rateLimited();
      }
      const created = url.searchParams.get("created");
      const since = created?.startsWith(">=") ? Date.parse(created.slice(2)) : undefined;
      const list = runs.filter((r) => since === undefined || Date.parse(r.created) >= since);
      const shaped = list.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status ?? "completed",
        created_at: r.created,
        html_url: `https://github.example/${data.org}/${repo}/actions/runs/${r.id}`,
      }));
      return paged(url, base, shaped, "workflow_runs");
    }
    let k = /^runs\/(\d+)\/logs$/.exec(rest);
    if (k) return { status: 302, headers: { location: `${base}/blob/logs/${k[1]}` } };
    k = /^runs\/(\d+)\/artifacts$/.exec(rest);
    if (k) {
      const r = runs.find((x) => x.id === Number(k![1]));
      const list = (r?.artifacts ?? []).map((a) => {
        const id = artifactIds.get(`${r!.id}/${a.name}`)!;
        return {
          id,
          name: a.name,
          expired: !!a.expired,
          archive_download_url: `${base}/repos/${data.org}/${repo}/actions/artifacts/${id}/zip`,
        };
      });
      return paged(url, base, list, "artifacts");
    }
    k = /^artifacts\/(\d+)\/zip$/.exec(rest);
    if (k) {
      const a = artifacts.get(Number(k[1]));
      if (!a) return { status: 404 };
      if (a.expired) return { status: 410, json: { message: "Artifact has expired" } };
      return { status: 302, headers: { location: `${base}/blob/artifacts/${k[1]}` } };
    }
    return { status: 404, json: { message: "Not Found" } };
  });
  return server;
}
