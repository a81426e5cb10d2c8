/**
 * A fake Jenkins REST API for the `jenkins:` source, fed API-shaped data: `…/api/json?tree=…`
 * answers the node's child jobs and its newest builds (the `{0,N}` range honoured), builds'
 * `consoleText`, archived artifacts under `…/N/artifact/PATH`. HTTP Basic auth is checked (401
 * otherwise, with an HTML body as Jenkins sends). Faults per job: a 404, a 403, a 200 HTML login
 * page instead of JSON, a console that never answers.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FakeResponse } from "./http-server.mjs";
import { startServer } from "./http-server.mjs";
import { writeZip } from "./zip-writer.mjs";

/** One build: its console text and its archived artifacts (a nested record becomes a zip). */
export interface FakeBuild {
  number: number;
  timestamp: number;
  building?: boolean;
  console: string;
  artifacts?: Record<string, string | Record<string, string>>;
  /** The console text never comes. */
  hang?: boolean;
}

/** A job (with builds) or a folder (with jobs); `fault` replaces its API answer. */
export interface FakeJob {
  name: string;
  builds?: FakeBuild[];
  jobs?: FakeJob[];
  fault?: 404 | 403 | "html";
}

/** Bytes of an artifact: text, or a zip of the given files. */
function artifactBytes(a: string | Record<string, string>): Buffer {
  if (typeof a === "string") return Buffer.from(a);
  const f = path.join(mkdtempSync(path.join(tmpdir(), "residue-fakejk-")), "a.zip");
  writeZip(f, a);
  return readFileSync(f);
}

const HTML = { headers: { "content-type": "text/html;charset=utf-8" } };
const LOGIN = "<html><head><title>Sign in [Jenkins]</title></head><body>login</body></html>";

/** The job a path's `/job/A/job/B` names, and the rest of the path. */
function resolve(root: FakeJob, segs: string[]): { node?: FakeJob; rest: string[] } {
  let node: FakeJob | undefined = root;
  let i = 0;
  for (; segs[i] === "job" && node; i += 2) node = node.jobs?.find((j) => j.name === segs[i + 1]);
  return { node, rest: segs.slice(i) };
}

function nodeJson(node: FakeJob, url: URL): unknown {
  const tree = url.searchParams.get("tree") ?? "";
  const n = Number(/\{0,(\d+)\}/.exec(tree)?.[1] ?? 100);
  return {
    _class: node.jobs ? "com.cloudbees.hudson.plugins.folder.Folder" : "hudson.model.FreeStyleProject",
    ...(node.jobs && { jobs: node.jobs.map((j) => ({ _class: "x", name: j.name })) }),
    ...(node.builds && {
      builds: node.builds.slice(0, n).map((b) => ({
        _class: "hudson.model.FreeStyleBuild",
        number: b.number,
        timestamp: b.timestamp,
        building: Boolean(b.building),
        result: b.building ? null : "SUCCESS",
        ...(/artifacts/.test(tree) && {
          artifacts: Object.keys(b.artifacts ?? {}).map((p) => ({ relativePath: p })),
        }),
      })),
    }),
  };
}

/** Starts the fake Jenkins; `url` is the server's base URL. */
export async function startFakeJenkins(root: FakeJob[], user: string, token: string) {
  const top: FakeJob = { name: "", jobs: root };
  const auth = `Basic ${Buffer.from(`${user}:${token}`).toString("base64")}`;
  return startServer(({ url, headers }): FakeResponse | Promise<FakeResponse> => {
    if (headers.authorization !== auth) return { status: 401, ...HTML, text: LOGIN };
    const segs = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const { node, rest } = resolve(top, segs);
    if (!node || node.fault === 404) return { status: 404, ...HTML, text: "<html>Not Found</html>" };
    if (node.fault === 403) return { status: 403, ...HTML, text: LOGIN };
    if (node.fault === "html") return { ...HTML, text: LOGIN };
    if (rest.join("/") === "api/json") return { json: nodeJson(node, url) };
    const build = node.builds?.find((b) => String(b.number) === rest[0]);
    if (!build) return { status: 404, ...HTML, text: "<html>Not Found</html>" };
    if (rest[1] === "consoleText") {
      if (build.hang) return new Promise<FakeResponse>(() => {});
      return { headers: { "content-type": "text/plain;charset=utf-8" }, text: build.console };
    }
    const art = rest[1] === "artifact" ? build.artifacts?.[rest.slice(2).join("/")] : undefined;
    if (art === undefined) return { status: 404, ...HTML, text: "<html>Not Found</html>" };
    return { headers: { "content-type": "application/octet-stream" }, text: artifactBytes(art) as never };
  });
}
