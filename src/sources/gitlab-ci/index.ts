/**
 * The `gitlab-ci:GROUP/PROJECT` and `gitlab-ci:GROUP` source: for each project (a group's include
 * its subgroups'), every finished job in the window, newest first, one page at a time: its trace
 * (read as a build log) and its artifacts archive, each downloaded to a temporary file under the
 * HTTP policy, read by the content layer and removed. Expired artifacts are counted as skipped.
 */
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { downloadedItem } from "../shared/download.js";
import { httpPolicy } from "../shared/http.js";
import { CI_DOWNLOAD_CAP } from "../shared/options.js";
import { reportCursor, startFrom } from "../shared/query.js";
import { type GitLabApi, gitLabApi, gitLabReason } from "./client.js";
import { pages, projectsOf } from "./projects.js";

interface Job {
  id: number;
  name?: string;
  stage?: string;
  status?: string;
  created_at?: string;
  web_url?: string;
  pipeline?: { id?: number };
  artifacts_file?: { filename?: string } | null;
  artifacts_expire_at?: string | null;
}

interface Run {
  gl: GitLabApi;
  ctx: SourceContext;
  since?: number;
  until?: number;
  cap: number;
  partial: boolean;
  stopped: boolean;
}

const FINISHED = new Set(["success", "failed", "canceled", "skipped", "manual"]);

function fail(run: Run, item: string, err: unknown): void {
  const { reason, fatal } = gitLabReason(err);
  run.ctx.error(item, reason);
  run.partial = true;
  if (fatal) run.stopped = true;
}

/** The trace and artifacts of one job. */
async function* jobItems(run: Run, project: string, job: Job): AsyncGenerator<Item> {
  const { host, token, get } = run.gl;
  const api = `${host}/api/v4/projects/${encodeURIComponent(project)}/jobs/${job.id}`;
  const label = `gitlab-ci:${project} job ${job.id}`;
  const base = {
    source: "gitlab-ci" as const,
    project,
    job: job.id,
    jobName: job.name,
    stage: job.stage,
    pipeline: job.pipeline?.id,
    uri: job.web_url,
  };
  const common = {
    headers: { "private-token": token },
    cap: run.cap,
    system: "GitLab",
    gone: [404, 410],
    skip: () => run.ctx.skip("expired"),
  };
  yield* downloadedItem(get, {
    ...common,
    url: `${api}/trace`,
    log: true,
    provenance: { ...base, path: `${project}/-/jobs/${job.id}/trace.log` },
    error: (e) => fail(run, `${label} trace`, e),
  });
  const file = job.artifacts_file?.filename;
  if (!file) return;
  if (job.artifacts_expire_at && Date.parse(job.artifacts_expire_at) < Date.now()) {
    run.ctx.skip("expired");
    return;
  }
  yield* downloadedItem(get, {
    ...common,
    url: `${api}/artifacts`,
    provenance: { ...base, artifact: file, path: `${project}/-/jobs/${job.id}/${file}` },
    error: (e) => fail(run, `${label} artifacts`, e),
  });
}

/** Every finished job of one project in the window, newest first. */
async function* projectItems(run: Run, project: string, signal?: AbortSignal): AsyncGenerator<Item> {
  const opts = { perPage: 100, maxPages: 1, showExpanded: true as const };
  try {
    for await (const list of pages<Job>((page) => run.gl.api.Jobs.all(project, { ...opts, page }))) {
      for (const job of list) {
        if (run.stopped || signal?.aborted) return;
        const created = Date.parse(job.created_at ?? "") / 1000;
        if (run.until !== undefined && created > run.until) continue;
        if (run.since !== undefined && created < run.since) return;
        if (!FINISHED.has(job.status ?? "")) {
          run.ctx.skip("in-progress");
          continue;
        }
        yield* jobItems(run, project, job);
      }
    }
  } catch (err) {
    fail(run, `gitlab-ci:${project}`, err);
  }
}

/** The GitLab CI source. */
export function gitlabCiSource(
  target: Target<{ since?: number; until?: number }>,
  options: { ciDownloadCap?: number },
  ctx: SourceContext,
): Source {
  return {
    async *items(signal) {
      const gl = gitLabApi(ctx.env, httpPolicy(ctx.env), signal);
      if (!gl) {
        ctx.error(target.raw, "GITLAB_TOKEN is not set; give a token with read_api");
        return;
      }
      const since = startFrom(ctx, target.query.since);
      const run: Run = {
        gl,
        ctx,
        since,
        until: target.query.until,
        cap: options.ciDownloadCap ?? CI_DOWNLOAD_CAP,
        partial: false,
        stopped: false,
      };
      const started = new Date().toISOString();
      const listed = projectsOf(gl, target.spec, (err) => fail(run, `gitlab-ci:${target.spec}`, err));
      for await (const { path_with_namespace: project } of listed) {
        if (run.stopped || signal?.aborted) break;
        yield* projectItems(run, project, signal);
      }
      if (!run.partial && !run.stopped && !signal?.aborted) reportCursor(ctx, started);
    },
  };
}
