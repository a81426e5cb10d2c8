/**
 * Jira search and the rest of an issue: the enhanced JQL search (Cloud, `nextPageToken`) or the
 * v2 search (Server/Data Center, `startAt`), one page at a time; then the comments, worklogs and
 * changelog entries a search result leaves out (it inlines only the first ones).
 */
import { reasonOf } from "../../errors.js";
import type { SourceContext } from "../../types.js";
import { PageGuard } from "../shared/http.js";
import { type JiraApi, JiraCallError, jiraCall } from "./client.js";
import type { JiraHistory, JiraIssue } from "./issue.js";

const PAGE = 50;

interface SearchPage {
  issues?: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
  total?: number;
}

/** The issues of a search page; an answer without an issue list is not a search page. */
function issuesOf(page: SearchPage): JiraIssue[] {
  if (!page || typeof page !== "object" || !Array.isArray(page.issues))
    throw new JiraCallError(200, "HTTP 200 with an answer that is not a Jira search page (not shown)");
  return page.issues;
}

/** Pages of issues matching the JQL, with all fields and the changelog. */
export async function* searchPages(
  api: JiraApi,
  jql: string,
  signal?: AbortSignal,
): AsyncGenerator<JiraIssue[]> {
  const fields = ["*all"];
  if (api.v3) {
    const guard = new PageGuard();
    let nextPageToken: string | undefined;
    do {
      const page: SearchPage = await jiraCall(() =>
        api.v3!.issueSearch.searchForIssuesUsingJqlEnhancedSearch<SearchPage>({
          jql,
          nextPageToken,
          maxResults: PAGE,
          fields,
          expand: "changelog",
        }),
      );
      yield issuesOf(page);
      nextPageToken = guard.next(page.isLast === true ? undefined : page.nextPageToken);
    } while (nextPageToken && !signal?.aborted);
    return;
  }
  for (let startAt = 0; !signal?.aborted; ) {
    const page: SearchPage = await jiraCall(() =>
      api.v2.issueSearch.searchForIssuesUsingJql<SearchPage>({
        jql,
        startAt,
        maxResults: PAGE,
        fields,
        expand: "changelog",
      }),
    );
    const issues = issuesOf(page);
    yield issues;
    startAt += issues.length;
    if (!issues.length || startAt >= (page.total ?? 0)) return;
  }
}

interface Paged<T> {
  startAt?: number;
  total?: number;
  isLast?: boolean;
  values?: T[];
  comments?: T[];
  worklogs?: T[];
}

/** Reads the items after `have` from a startAt-paged endpoint. */
async function rest<T>(
  have: number,
  total: number,
  get: (startAt: number) => Promise<Paged<T>>,
  signal?: AbortSignal,
): Promise<T[]> {
  const out: T[] = [];
  for (let at = have; at < total && !signal?.aborted; ) {
    const p = await jiraCall(() => get(at));
    const items = p.values ?? p.comments ?? p.worklogs ?? [];
    if (!items.length) break;
    out.push(...items);
    at += items.length;
  }
  return out;
}

type Holder<K extends string> = { [k in K]?: Record<string, unknown>[] } & { total?: number };

/** Fills in the comments, worklogs and changelog entries the search result did not inline. */
export async function completeIssue(
  api: JiraApi,
  issue: JiraIssue,
  ctx: SourceContext,
  signal?: AbortSignal,
) {
  // the v2 and v3 clients share these calls (same paths but the version); one type is enough
  const c = (api.v3 ?? api.v2) as unknown as JiraApi["v2"];
  const key = issue.key;
  const f = (issue.fields ??= {});
  const step = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      if (err instanceof JiraCallError && err.fatal) throw err;
      ctx.error(`jira:${key} ${what}`, reasonOf(err));
    }
  };
  const comment = f.comment as Holder<"comments"> | undefined;
  if (comment?.comments && (comment.total ?? 0) > comment.comments.length) {
    await step("comments", async () => {
      const more = await rest<Record<string, unknown>>(
        comment.comments!.length,
        comment.total!,
        (startAt) =>
          c.issueComments.getComments<Paged<Record<string, unknown>>>({
            issueIdOrKey: key,
            startAt,
            maxResults: 100,
          }),
        signal,
      );
      comment.comments!.push(...more);
    });
  }
  const worklog = f.worklog as Holder<"worklogs"> | undefined;
  if (worklog?.worklogs && (worklog.total ?? 0) > worklog.worklogs.length) {
    await step("worklog", async () => {
      const more = await rest<Record<string, unknown>>(
        worklog.worklogs!.length,
        worklog.total!,
        (startAt) =>
          c.issueWorklogs.getIssueWorklog<Paged<Record<string, unknown>>>({
            issueIdOrKey: key,
            startAt,
            maxResults: 1000,
          }),
        signal,
      );
      worklog.worklogs!.push(...more);
    });
  }
  const log = issue.changelog;
  if (log?.histories && (log.total ?? 0) > log.histories.length) {
    await step("changelog", async () => {
      const more = await rest<JiraHistory>(
        log.histories!.length,
        log.total!,
        (startAt) =>
          c.issues.getChangeLogs<Paged<JiraHistory>>({ issueIdOrKey: key, startAt, maxResults: 100 }),
        signal,
      );
      log.histories!.push(...more);
    });
  }
}
