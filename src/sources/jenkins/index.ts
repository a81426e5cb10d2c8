/**
 * The `jenkins:URL` source. The URL names a job, a folder or the whole server: each node is asked
 * once for its child jobs and its recent builds (`api/json?tree=jobs[name],builds[…]{0,N}`), and
 * folders (also multibranch projects and organization folders) are walked down. For each finished
 * build in the window, newest first: its console text (read as a build log) and each archived
 * artifact (opened by the content layer: a zip is read member by member), each downloaded to a
 * temporary file under the HTTP policy and the download cap, read, and removed.
 */
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { downloadedItem } from "../shared/download.js";
import { httpPolicy } from "../shared/http.js";
import { CI_DOWNLOAD_CAP } from "../shared/options.js";
import { type JenkinsApi, jenkinsApi, jenkinsReason } from "./client.js";
import { type BuildMarks, JobMark, readMarks, reportMarks } from "./cursor.js";
import type { JenkinsQuery } from "./query.js";
import { artifactUrl, jobUrl, parseJenkinsUrl } from "./url.js";

interface Build {
  number: number;
  timestamp?: number;
  building?: boolean;
  result?: string | null;
  artifacts?: { relativePath: string }[];
}

interface Node {
  jobs?: { name: string }[];
  builds?: Build[];
}

interface Run {
  api: JenkinsApi;
  ctx: SourceContext;
  q: JenkinsQuery;
  cap: number;
  stored: BuildMarks;
  marks: Map<string, JobMark>;
  stopped: boolean;
}

/** Folders nested deeper than this are not walked (a guard, not a limit anyone meets). */
const MAX_DEPTH = 20;
const DEFAULT_BUILDS = 20;

function fail(run: Run, item: string, err: unknown, mark?: JobMark): void {
  const { reason, fatal } = jenkinsReason(err);
  run.ctx.error(item, reason);
  if (mark) mark.failed = true;
  if (fatal) run.stopped = true;
}

/** The console text and the artifacts of one build. */
async function* buildItems(run: Run, job: string[], b: Build, mark: JobMark): AsyncGenerator<Item> {
  const name = job.join("/");
  const url = `${jobUrl(run.api.base, job)}/${b.number}`;
  const label = `jenkins:${name} #${b.number}`;
  const base = { source: "jenkins" as const, job: name, build: b.number };
  const common = {
    headers: run.api.headers,
    cap: run.cap,
    system: "Jenkins",
    // a build deleted since it was listed (log rotation) has nothing left to find
    gone: [404],
    skip: () => run.ctx.skip("deleted"),
  };
  yield* downloadedItem(run.api.get, {
    ...common,
    url: `${url}/consoleText`,
    log: true,
    provenance: { ...base, path: `${name}/${b.number}/console.log`, uri: `${url}/console` },
    error: (e) => fail(run, `${label} console`, e, mark),
  });
  for (const a of b.artifacts ?? []) {
    if (run.stopped) return;
    const at = artifactUrl(url, a.relativePath);
    yield* downloadedItem(run.api.get, {
      ...common,
      url: at,
      provenance: {
        ...base,
        artifact: a.relativePath,
        path: `${name}/${b.number}/${a.relativePath}`,
        uri: at,
      },
      error: (e) => fail(run, `${label} artifact ${a.relativePath}`, e, mark),
    });
  }
}

/** The builds of one job in the window (newest first), past the stored resume point. */
async function* jobItems(
  run: Run,
  job: string[],
  builds: Build[],
  signal?: AbortSignal,
): AsyncGenerator<Item> {
  const name = job.join("/");
  const mark = new JobMark();
  run.marks.set(name, mark);
  const after = run.stored.get(name) ?? 0;
  const { since, until } = run.q;
  for (const b of builds) {
    if (run.stopped || signal?.aborted) return;
    if (b.number <= after) break;
    const at = (b.timestamp ?? 0) / 1000;
    if (until !== undefined && at > until) {
      mark.held(b.number);
      continue;
    }
    if (since !== undefined && at < since) break;
    if (b.building || b.result === null) {
      run.ctx.skip("in-progress");
      mark.held(b.number);
      continue;
    }
    yield* buildItems(run, job, b, mark);
    mark.read(b.number);
  }
}

/** A job, a folder or the server: its builds, then its child jobs, depth first. */
async function* nodeItems(run: Run, job: string[], signal?: AbortSignal): AsyncGenerator<Item> {
  const n = run.q.builds ?? DEFAULT_BUILDS;
  const tree = `_class,jobs[name],builds[number,timestamp,building,result,artifacts[relativePath]]{0,${n}}`;
  let node: Node;
  try {
    node = await run.api.json<Node>(`${jobUrl(run.api.base, job)}/api/json?tree=${encodeURIComponent(tree)}`);
  } catch (err) {
    const mark = new JobMark();
    if (job.length) run.marks.set(job.join("/"), mark);
    fail(run, job.length ? `jenkins:${job.join("/")}` : `jenkins:${run.api.base}`, err, mark);
    return;
  }
  if (Array.isArray(node.builds)) yield* jobItems(run, job, node.builds, signal);
  if (!Array.isArray(node.jobs)) return;
  if (job.length >= MAX_DEPTH) {
    run.ctx.error(`jenkins:${job.join("/")}`, `folders nested deeper than ${MAX_DEPTH} are not walked`);
    return;
  }
  for (const child of node.jobs) {
    if (run.stopped || signal?.aborted) return;
    if (typeof child?.name === "string") yield* nodeItems(run, [...job, child.name], signal);
  }
}

/** The Jenkins source. */
export function jenkinsSource(
  target: Target<JenkinsQuery>,
  options: { ciDownloadCap?: number },
  ctx: SourceContext,
): Source {
  return {
    async *items(signal) {
      const url = parseJenkinsUrl(target.spec);
      const api = jenkinsApi(url, ctx.env, httpPolicy(ctx.env), signal);
      if (typeof api === "string") {
        ctx.error(target.raw, api);
        return;
      }
      const run: Run = {
        api,
        ctx,
        q: target.query,
        cap: options.ciDownloadCap ?? CI_DOWNLOAD_CAP,
        stored: readMarks(ctx),
        marks: new Map(),
        stopped: false,
      };
      yield* nodeItems(run, url.job, signal);
      if (!run.stopped && !signal?.aborted) reportMarks(ctx, run.stored, run.marks);
    },
  };
}
