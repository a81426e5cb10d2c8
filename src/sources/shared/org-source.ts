/**
 * An organization source (`github:ORG`, `gitlab:GROUP`) from what its host provides: a client,
 * the repositories a spec names, and a repository's tickets. Forks and archived repositories are
 * filtered here, failures are named after the repository, and the resume point is reported only
 * when everything was read.
 */
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { REPO_CONCURRENCY } from "./options.js";
import {
  gitOptionsOf,
  type HostedRepo,
  type HostLinks,
  type OrgHistory,
  type OrgOptions,
  orgItems,
  RepoFolds,
  watchErrors,
} from "./org-history.js";
import { isoOf, type OrgQuery } from "./org-query.js";
import { reportCursor, startFrom } from "./query.js";

/** A repository as a host lists it. */
export type ListedRepo = HostedRepo & { fork?: boolean; archived?: boolean };

/** Reports a failed call (a reason with no secret in it). */
export type Fail = (err: unknown) => void;

/** What one host provides. */
export interface OrgHost<A> {
  prefix: "github" | "gitlab";
  key: "repo" | "project";
  links: HostLinks;
  /** The client from the environment; undefined without a token. */
  connect(env: SourceContext["env"], signal?: AbortSignal): A | undefined;
  /** The error when there is no token. */
  missing: string;
  /** A failed call's reason. */
  reason(err: unknown): string;
  /** The repositories a spec names (one, or an organization's). */
  repos(api: A, spec: string, fail: Fail): AsyncIterable<ListedRepo>;
  /** One repository's tickets (issues, pull or merge requests, comments) updated after `since`. */
  tickets(
    api: A,
    repo: HostedRepo,
    since: string | undefined,
    ctx: SourceContext,
    fail: Fail,
  ): AsyncIterable<Item>;
}

/** The repositories to read: forks and archived ones by the query, unless the spec names that repository. */
async function* kept(repos: AsyncIterable<ListedRepo>, spec: string, q: OrgQuery, ctx: SourceContext) {
  for await (const r of repos) {
    const named = r.name.toLowerCase() === spec.toLowerCase();
    if (!named && ((r.fork && !q.forks) || (r.archived && q.archived === false)))
      ctx.skip(r.fork ? "fork" : "archived");
    else yield r;
  }
}

async function* none(): AsyncGenerator<never> {}

/** The source of one organization target. */
export function orgSource<A>(
  host: OrgHost<A>,
  target: Target<OrgQuery>,
  options: OrgOptions,
  ctx: SourceContext,
): Source {
  const since = isoOf(startFrom(ctx, target.query.since));
  const watched = watchErrors(ctx);
  const h: OrgHistory = {
    prefix: host.prefix,
    key: host.key,
    links: host.links,
    git: { ...gitOptionsOf(options), since },
    concurrency: options.repoConcurrency ?? REPO_CONCURRENCY,
    ctx: watched,
  };
  const folds = new RepoFolds(h);
  const fail = (item: string) => (err: unknown) => watched.error(item, host.reason(err));
  return {
    folder: () => folds,
    async *items(signal) {
      const api = host.connect(ctx.env, signal);
      if (!api) {
        ctx.error(target.raw, host.missing);
        return;
      }
      const started = new Date().toISOString();
      const repos = kept(
        host.repos(api, target.spec, fail(`${host.prefix}:${target.spec}`)),
        target.spec,
        target.query,
        ctx,
      );
      const tickets = (repo: HostedRepo) =>
        target.query.issues
          ? host.tickets(api, repo, since, watched, fail(`${host.prefix}:${repo.name} issues`))
          : none();
      yield* orgItems(h, folds, repos, tickets, signal);
      if (!watched.failed && !signal?.aborted) reportCursor(ctx, started);
    },
  };
}
