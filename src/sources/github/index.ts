/**
 * The `github:OWNER[/REPO]` source: the repositories of an organization (or a user, or one),
 * each one's whole history read as `git:` reads it from a temporary bare mirror cloned with the
 * token in a header (shared/org-history.ts), and with `issues=true` its issues, pull requests and
 * comments (issues.ts). Forks, archived ones and the resume point: shared/org-source.ts.
 */
import type { SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { type GitHubApi, gitHubApi, gitHubReason } from "../github-actions/client.js";
import { type GitHubRepo, listOwnerRepos } from "../github-actions/repos.js";
import { httpPolicy } from "../shared/http.js";
import { basicAuth } from "../shared/mirror.js";
import type { HostLinks, OrgOptions } from "../shared/org-history.js";
import type { OrgQuery } from "../shared/org-query.js";
import { type Fail, type ListedRepo, type OrgHost, orgSource } from "../shared/org-source.js";
import { ticketItems } from "./issues.js";

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

/** The repository the spec names, or the owner's. */
async function* listed(api: GitHubApi, spec: string, fail: Fail): AsyncGenerator<GitHubRepo> {
  if (!spec.includes("/")) return yield* listOwnerRepos(api, spec, fail);
  const [owner, repo] = spec.split("/") as [string, string];
  try {
    yield (await api.octokit.repos.get({ owner, repo })).data as GitHubRepo;
  } catch (err) {
    fail(err);
  }
}

/** GitHub as an organization host. */
const GITHUB: OrgHost<GitHubApi> = {
  prefix: "github",
  key: "repo",
  links: GITHUB_LINKS,
  connect: (env, signal) => gitHubApi(env, httpPolicy(env), signal),
  missing: "GITHUB_TOKEN is not set; give a token that can read the repositories (repo)",
  reason: (err) => gitHubReason(err).reason,
  async *repos(api, spec, fail) {
    const auth = basicAuth("x-access-token", api.token);
    const hosts = tokenHosts(api);
    for await (const r of listed(api, spec, fail)) {
      const web = r.html_url ?? `${new URL(api.baseUrl).origin}/${r.full_name}`;
      const clone = { url: r.clone_url ?? `${web}.git`, auth, hosts };
      yield { name: r.full_name, web, clone, fork: r.fork, archived: r.archived } satisfies ListedRepo;
    }
  },
  tickets: (api, repo, since, ctx, fail) => ticketItems({ api, ctx, since, fail }, repo.name),
};

/** The GitHub repositories source. */
export function githubSource(target: Target<OrgQuery>, options: OrgOptions, ctx: SourceContext) {
  return orgSource(GITHUB, target, options, ctx);
}
