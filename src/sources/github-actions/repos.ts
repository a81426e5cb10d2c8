/** The repositories of a GitHub owner: an organization's, or a user's when no such organization exists. */
import { PageGuard } from "../shared/http.js";
import type { GitHubApi } from "./client.js";
import { fail, type Run } from "./run.js";

/** A repository as GitHub lists it (the fields residue reads). */
export interface GitHubRepo {
  full_name: string;
  html_url?: string;
  clone_url?: string;
  archived?: boolean;
  fork?: boolean;
}

/** The owner's repositories, page by page; a failed listing is handed to `fail` and ends it. */
export async function* listOwnerRepos(
  api: GitHubApi,
  owner: string,
  fail: (err: unknown) => void,
): AsyncGenerator<GitHubRepo> {
  const { octokit } = api;
  const org = octokit.paginate.iterator(octokit.repos.listForOrg, { org: owner, per_page: 100, type: "all" });
  const user = octokit.paginate.iterator(octokit.repos.listForUser, {
    username: owner,
    per_page: 100,
    type: "owner",
  });
  const guard = new PageGuard();
  let first = true;
  try {
    for await (const page of org) {
      first = false;
      guard.next(page.url);
      yield* page.data as GitHubRepo[];
    }
    return;
  } catch (err) {
    if (!first || (err as { status?: number }).status !== 404) {
      fail(err);
      return;
    }
  }
  try {
    for await (const page of user) {
      guard.next(page.url);
      yield* page.data as GitHubRepo[];
    }
  } catch (err) {
    fail(err);
  }
}

/** Full names (`owner/repo`) of the owner's repositories, page by page. */
export async function* ownerRepos(run: Run, owner: string): AsyncGenerator<string> {
  for await (const r of listOwnerRepos(run.api, owner, (err) => fail(run, `github-actions:${owner}`, err)))
    yield r.full_name;
}
