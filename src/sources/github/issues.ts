/**
 * With `?issues=true`, the tickets of one repository: every issue's and pull request's title and
 * body, every issue comment and every pull-request review comment, each a text item linked to
 * what a person opens (the issue, the comment's anchor). Three listings per repository, not one
 * per issue: GitHub lists a repository's comments in one go, `since=` bounding each by update time.
 */
import type { Octokit } from "@octokit/rest";
import type { Item, ProvenanceOf, SourceContext } from "../../types.js";
import type { GitHubApi } from "../github-actions/client.js";
import { PageGuard } from "../shared/http.js";

interface Issue {
  number: number;
  title?: string | null;
  body?: string | null;
  html_url: string;
  pull_request?: unknown;
}

interface Comment {
  id: number;
  body?: string | null;
  html_url: string;
  issue_url?: string;
  pull_request_url?: string;
}

type Place = Omit<ProvenanceOf<"github">, "source" | "repo">;

/** What reading one repository's tickets needs. */
export interface TicketRead {
  api: GitHubApi;
  ctx: SourceContext;
  since?: string;
  /** Records a failed listing of this repository. */
  fail(err: unknown): void;
}

/** The trailing number of an API URL (`…/issues/12` → 12). */
const numberOf = (url?: string) => Number(url?.split("/").pop());

/** A text item, counted, or nothing for an empty text. */
function textItem(ctx: SourceContext, repo: string, text: string | null | undefined, place: Place): Item[] {
  if (!text) return [];
  ctx.count({ items: 1, bytes: Buffer.byteLength(text) });
  const id = `${repo}#${place.issue} ${place.field}${place.comment ? ` ${place.comment}` : ""}`;
  return [{ id, text, provenance: { source: "github", repo, ...place } }];
}

/** The pages of one listing of the repository, each a list; a failed page ends it through `fail`. */
async function* listing<T>(
  r: TicketRead,
  method: Parameters<Octokit["paginate"]["iterator"]>[0],
  params: object,
) {
  const guard = new PageGuard();
  try {
    for await (const page of r.api.octokit.paginate.iterator(method, { ...params, per_page: 100 } as never)) {
      guard.next(page.url);
      yield page.data as unknown as T[];
    }
  } catch (err) {
    // issues turned off for the repository: nothing to read there
    if ((err as { status?: number }).status !== 410) r.fail(err);
  }
}

/** The issues, pull requests and comments of `repo` (`owner/name`). */
export async function* ticketItems(r: TicketRead, repo: string): AsyncGenerator<Item> {
  const [owner, name] = repo.split("/") as [string, string];
  const { octokit } = r.api;
  const base = { owner, repo: name, ...(r.since && { since: r.since }) };
  for await (const page of listing<Issue>(r, octokit.issues.listForRepo, { ...base, state: "all" }))
    for (const i of page) {
      const place = { issue: i.number, uri: i.html_url, ...(i.pull_request ? { pull: true } : {}) };
      yield* textItem(r.ctx, repo, i.title, { ...place, field: "title" });
      yield* textItem(r.ctx, repo, i.body, { ...place, field: "body" });
    }
  for await (const page of listing<Comment>(r, octokit.issues.listCommentsForRepo, base))
    for (const c of page)
      yield* textItem(r.ctx, repo, c.body, {
        issue: numberOf(c.issue_url),
        comment: String(c.id),
        field: "comment",
        uri: c.html_url,
      });
  for await (const page of listing<Comment>(r, octokit.pulls.listReviewCommentsForRepo, base))
    for (const c of page)
      yield* textItem(r.ctx, repo, c.body, {
        issue: numberOf(c.pull_request_url),
        pull: true,
        comment: String(c.id),
        field: "review comment",
        uri: c.html_url,
      });
}
