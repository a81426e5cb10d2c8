/**
 * The `github-actions:OWNER[/REPO]` source: for each repository (all of an owner's with OWNER),
 * every workflow run in the window, newest first, page by page: the run's log zip (one member per
 * job and step, `build/2_Run tests.txt`, read as logs) and its artifacts (zips, often holding
 * `.env` files and dumps), each downloaded to a temporary file, read in place by the content layer
 * and removed before the next. Expired logs and artifacts are counted as skipped, not errors.
 */
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { downloadedItem } from "../shared/download.js";
import { httpPolicy, PageGuard } from "../shared/http.js";
import { CI_DOWNLOAD_CAP } from "../shared/options.js";
import { reportCursor, startFrom } from "../shared/query.js";
import { gitHubApi } from "./client.js";
import { createdFilter, type GitHubActionsQuery } from "./query.js";
import { ownerRepos } from "./repos.js";
import { fail, type Run } from "./run.js";

interface WorkflowRun {
  id: number;
  name?: string | null;
  run_number?: number;
  status?: string | null;
  html_url: string;
}

interface Artifact {
  id: number;
  name: string;
  expired: boolean;
  archive_download_url: string;
}

/** Downloads one zip (logs or an artifact) as an item; gone ones are skipped. */
function zipItem(run: Run, url: string, what: string, provenance: Item["provenance"] & { path: string }) {
  const logs = what.endsWith("logs");
  return downloadedItem(run.api.get, {
    url,
    headers: { authorization: `Bearer ${run.api.token}` },
    cap: run.cap,
    system: "GitHub",
    provenance,
    log: logs,
    // expired logs answer 410 (or 404 once deleted); an expired artifact 410
    gone: logs ? [404, 410] : [410],
    skip: () => run.ctx.skip("expired"),
    error: (err) => fail(run, what, err),
  });
}

/** The log zip and the artifacts of one workflow run. */
async function* runItems(run: Run, repo: string, wr: WorkflowRun): AsyncGenerator<Item> {
  const { baseUrl } = run.api;
  const label = `github-actions:${repo} run ${wr.id}`;
  const base = {
    source: "github-actions" as const,
    repo,
    run: wr.id,
    workflow: wr.name ?? undefined,
    uri: wr.html_url,
  };
  const runPath = `${repo}/actions/runs/${wr.id}`;
  yield* zipItem(run, `${baseUrl}/repos/${repo}/actions/runs/${wr.id}/logs`, `${label} logs`, {
    ...base,
    path: `${runPath}/logs.zip`,
  });
  const [owner, name] = repo.split("/") as [string, string];
  const guard = new PageGuard();
  try {
    const pages = run.api.octokit.paginate.iterator(run.api.octokit.actions.listWorkflowRunArtifacts, {
      owner,
      repo: name,
      run_id: wr.id,
      per_page: 100,
    });
    for await (const page of pages) {
      guard.next(page.url);
      for (const a of page.data as Artifact[]) {
        if (a.expired) {
          run.ctx.skip("expired");
          continue;
        }
        yield* zipItem(run, a.archive_download_url, `${label} artifact ${a.name}`, {
          ...base,
          artifact: a.name,
          path: `${runPath}/artifacts/${a.name}.zip`,
        });
      }
    }
  } catch (err) {
    fail(run, `${label} artifacts`, err);
  }
}

/** Every run of one repository in the window, page by page. */
async function* repoItems(run: Run, repo: string, signal?: AbortSignal): AsyncGenerator<Item> {
  const [owner, name] = repo.split("/") as [string, string];
  const { octokit } = run.api;
  const params = {
    owner,
    repo: name,
    per_page: 100,
    created: createdFilter(run.q.since, run.q.until),
    branch: run.q.branch,
  };
  const pages = run.q.workflow
    ? octokit.paginate.iterator(octokit.actions.listWorkflowRuns, { ...params, workflow_id: run.q.workflow })
    : octokit.paginate.iterator(octokit.actions.listWorkflowRunsForRepo, params);
  const guard = new PageGuard();
  try {
    for await (const page of pages) {
      guard.next(page.url);
      for (const wr of page.data as WorkflowRun[]) {
        if (run.stopped || signal?.aborted) return;
        // a run still going has no log archive yet; the next sweep reads it
        if (wr.status && wr.status !== "completed") {
          run.ctx.skip("in-progress");
          continue;
        }
        yield* runItems(run, repo, wr);
      }
    }
  } catch (err) {
    fail(run, `github-actions:${repo}`, err);
  }
}

/** The GitHub Actions source. */
export function githubActionsSource(
  target: Target<GitHubActionsQuery>,
  options: { ciDownloadCap?: number },
  ctx: SourceContext,
): Source {
  return {
    async *items(signal) {
      const api = gitHubApi(ctx.env, httpPolicy(ctx.env), signal);
      if (!api) {
        ctx.error(
          target.raw,
          "GITHUB_TOKEN is not set; give a token that can read Actions (repo or actions:read)",
        );
        return;
      }
      const q = { ...target.query, since: startFrom(ctx, target.query.since) };
      const run: Run = {
        api,
        ctx,
        q,
        cap: options.ciDownloadCap ?? CI_DOWNLOAD_CAP,
        partial: false,
        stopped: false,
      };
      const started = new Date().toISOString();
      const repos = target.spec.includes("/") ? [target.spec] : ownerRepos(run, target.spec);
      for await (const repo of repos) {
        if (run.stopped || signal?.aborted) break;
        yield* repoItems(run, repo, signal);
      }
      if (!run.partial && !run.stopped && !signal?.aborted) reportCursor(ctx, started);
      else if (run.partial)
        ctx.notice("no resume point: some runs could not be read; run again from the same since=");
    },
  };
}
