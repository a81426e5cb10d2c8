/**
 * The `github:OWNER[/REPO]` source: the repositories of an organization (or a user, or one),
 * forks left out unless `forks=true`, archived ones read unless `archived=false`; each one's whole
 * history read as `git:` reads it, from a temporary bare mirror cloned with the token in a header
 * (org-history.ts); with `issues=true` also its issues, pull requests and comments (issues.ts).
 */
import type { Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { type GitHubApi, gitHubApi, gitHubReason } from "../github-actions/client.js";
import { type GitHubRepo, listOwnerRepos } from "../github-actions/repos.js";
import { httpPolicy } from "../shared/http.js";
import { basicAuth } from "../shared/mirror.js";
import { REPO_CONCURRENCY } from "../shared/options.js";
import {
  gitOptionsOf,
  type HostedRepo,
  type HostLinks,
  type OrgHistory,
  type OrgOptions,
  orgItems,
  RepoFolds,
  watchErrors,
} from "../shared/org-history.js";
import { reportCursor, startFrom } from "../shared/query.js";
import { ticketItems } from "./issues.js";
import { type GitHubQuery, isoOf } from "./query.js";

const path = (p: string) => p.split("/").map(encodeURIComponent).join("/");

/** GitHub's (and GitHub Enterprise Server's) web links. */
export const GITHUB_LINKS: HostLinks = {
  blob: (web, commit, file, line) => `${web}/blob/${commit}/${path(file)}${line ? `#L${line}` : ""}`,
  commit: (web, sha) => `${web}/commit/${sha}`,
  tag: (web, tag) => `${web}/releases/tag/${encodeURIComponent(tag)}`,
};

/** The hosts a clone may send the token to: the API's, and github.com's for api.github.com. */
function tokenHosts(api: GitHubApi): string[] {
  const host = new URL(api.baseUrl).host;
  return host.startsWith("api.") ? [host, host.slice(4)] : [host];
}

/** The state of one read: its context records every error (then there is no resume point). */
interface Run {
  api: GitHubApi;
  ctx: SourceContext;
}

function fail(run: Run, item: string, err: unknown): void {
  run.ctx.error(item, gitHubReason(err).reason);
}

/** The repositories the target names, filtered, as HostedRepos. */
async function* hosted(run: Run, spec: string, q: GitHubQuery): AsyncGenerator<HostedRepo> {
  const { api } = run;
  let listed: AsyncIterable<GitHubRepo>;
  if (spec.includes("/")) {
    const [owner, repo] = spec.split("/") as [string, string];
    try {
      const one = (await api.octokit.repos.get({ owner, repo })).data as GitHubRepo;
      listed = (async function* () {
        yield one;
      })();
    } catch (err) {
      return fail(run, `github:${spec}`, err);
    }
  } else listed = listOwnerRepos(api, spec, (err) => fail(run, `github:${spec}`, err));
  const auth = basicAuth("x-access-token", api.token);
  const hosts = tokenHosts(api);
  for await (const r of listed) {
    if ((r.fork && !q.forks) || (r.archived && q.archived === false)) {
      run.ctx.skip(r.fork ? "fork" : "archived");
      continue;
    }
    const web = r.html_url ?? `${new URL(api.baseUrl).origin}/${r.full_name}`;
    yield { name: r.full_name, web, clone: { url: r.clone_url ?? `${web}.git`, auth, hosts } };
  }
}

async function* none(): AsyncGenerator<never> {}

/** The GitHub repositories source. */
export function githubSource(target: Target<GitHubQuery>, options: OrgOptions, ctx: SourceContext): Source {
  const since = startFrom(ctx, target.query.since);
  const watched = watchErrors(ctx);
  const h: OrgHistory = {
    prefix: "github",
    key: "repo",
    links: GITHUB_LINKS,
    git: { ...gitOptionsOf(options), since: isoOf(since) },
    concurrency: options.repoConcurrency ?? REPO_CONCURRENCY,
    ctx: watched,
  };
  const folds = new RepoFolds(h);
  return {
    folder: () => folds,
    async *items(signal) {
      const api = gitHubApi(ctx.env, httpPolicy(ctx.env), signal);
      if (!api) {
        ctx.error(target.raw, "GITHUB_TOKEN is not set; give a token that can read the repositories (repo)");
        return;
      }
      const run: Run = { api, ctx: watched };
      const started = new Date().toISOString();
      const tickets = (repo: HostedRepo) =>
        target.query.issues
          ? ticketItems(
              {
                api,
                ctx: watched,
                since: isoOf(since),
                fail: (err) => fail(run, `github:${repo.name} issues`, err),
              },
              repo.name,
            )
          : none();
      yield* orgItems(h, folds, hosted(run, target.spec, target.query), tickets, signal);
      if (!watched.failed && !signal?.aborted) reportCursor(ctx, started);
    },
  };
}
