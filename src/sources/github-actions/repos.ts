/** The repositories of a GitHub owner: an organization's, or a user's when no such organization exists. */
import { PageGuard } from "../shared/http.js";
import { fail, type Run } from "./run.js";

interface Repo {
  full_name: string;
  archived?: boolean;
  fork?: boolean;
}

/** Full names (`owner/repo`) of the owner's repositories, page by page; filtered by `keep`. */
export async function* ownerRepos(
  run: Run,
  owner: string,
  keep: (r: Repo) => boolean = () => true,
): AsyncGenerator<string> {
  const { octokit } = run.api;
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
      for (const r of page.data as Repo[]) if (keep(r)) yield r.full_name;
    }
    return;
  } catch (err) {
    if (!first || (err as { status?: number }).status !== 404) {
      fail(run, `github-actions:${owner}`, err);
      return;
    }
  }
  try {
    for await (const page of user) {
      guard.next(page.url);
      for (const r of page.data as Repo[]) if (keep(r)) yield r.full_name;
    }
  } catch (err) {
    fail(run, `github-actions:${owner}`, err);
  }
}
