/**
 * The `jira:https://SITE[?jql=…&since=…]` source through jira.js 5. Search pages are read one at
 * a time (50 issues); each issue's remaining comments, worklogs and changelog pages and its
 * attachments are fetched with bounded concurrency (p-limit), then the issue's items are yielded.
 */
import pLimit from "p-limit";
import { reasonOf } from "../../errors.js";
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { httpPolicy } from "../shared/http.js";
import { textLength } from "../shared/items.js";
import { reportCursor, startFrom } from "../shared/query.js";
import { attachmentItem, attachmentsOf, isReadable } from "./attachments.js";
import { fetchAttachment, type JiraApi, JiraCallError, jiraApi } from "./client.js";
import { issueItems, type JiraChunkContext, type JiraIssue } from "./issue.js";
import { buildJql, jiraScope } from "./query.js";
import { completeIssue, searchPages } from "./search.js";

/** Default size cap of an attachment (`--jira-attachment-cap`). */
export const JIRA_ATTACHMENT_CAP = 1 << 20;

/** Items of an issue's readable attachments (size-capped, only from the site itself). */
async function attachmentItems(
  issue: JiraIssue,
  api: JiraApi,
  cx: JiraChunkContext,
  ctx: SourceContext,
  cap: number,
): Promise<Item[]> {
  const out: Item[] = [];
  for (const a of attachmentsOf(issue)) {
    const url = a.content;
    if (!url || !isReadable(a)) continue;
    if ((a.size ?? 0) > cap) {
      ctx.skip("too-large");
      continue;
    }
    // credentials go to the site only, never to a host named inside an issue
    if (new URL(url, cx.site).origin !== new URL(cx.site).origin) continue;
    try {
      const bytes = await fetchAttachment(api, new URL(url, cx.site).href, cap);
      out.push(attachmentItem(issue, a, cx, { bytes }));
    } catch (err) {
      ctx.error(`jira:${issue.key} attachment ${a.filename ?? a.id}`, reasonOf(err));
    }
  }
  return out;
}

/** The Jira REST API source. */
export function jiraSource(
  target: Target<{ jql?: string; since?: number }>,
  options: { jiraAttachmentCap?: number },
  ctx: SourceContext,
): Source {
  const id = `jira:${target.spec}`;
  const cap = options.jiraAttachmentCap ?? JIRA_ATTACHMENT_CAP;
  return {
    async *items(signal) {
      const q = jiraScope(target, startFrom(ctx, target.query.since));
      const api = jiraApi(q.site, ctx.env, httpPolicy(ctx.env), signal);
      if (!api) {
        ctx.error(
          id,
          "no credentials: set JIRA_EMAIL and JIRA_API_TOKEN (Cloud) or JIRA_PAT (Server/Data Center)",
        );
        return;
      }
      const cx: JiraChunkContext = { source: "jira", site: q.site };
      const limit = pLimit(4);
      let cursor: string | undefined;
      try {
        for await (const page of searchPages(api, buildJql(q), signal)) {
          const done = await Promise.all(
            page.map((issue) =>
              limit(async () => {
                await completeIssue(api, issue, ctx, signal);
                return [issue, await attachmentItems(issue, api, cx, ctx, cap)] as const;
              }),
            ),
          );
          for (const [issue, attachments] of done) {
            const updated = String(issue.fields?.updated ?? "");
            if (q.since !== undefined && Date.parse(updated) < q.since * 1000) continue;
            const items = [...issueItems(issue, cx), ...attachments];
            ctx.count({ items: 1, bytes: textLength(items) });
            yield* items;
            if (updated) cursor = new Date(Date.parse(updated)).toISOString();
          }
        }
      } catch (err) {
        ctx.error(id, err instanceof JiraCallError ? err.message : String(err));
      }
      if (cursor) reportCursor(ctx, cursor);
    },
  };
}
