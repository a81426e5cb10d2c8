/**
 * The `jira:https://SITE[?jql=…&since=…]` source through jira.js 5. Search pages are read one at
 * a time (50 issues); each issue's remaining comments, worklogs and changelog pages and its text
 * attachments are fetched with bounded concurrency (p-limit), then the issue's chunks are yielded.
 */
import pLimit from "p-limit";
import type { Chunk, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { reportCursor, startFrom } from "../shared/query.js";
import { fetchAttachment, type JiraApi, JiraCallError, jiraApi } from "./client.js";
import { issueChunks, type JiraChunkContext, type JiraIssue } from "./issue.js";
import { buildJql, jiraScope } from "./query.js";
import { completeIssue, searchPages } from "./search.js";

/** Default size cap of a text attachment (`--jira-attachment-cap`). */
export const JIRA_ATTACHMENT_CAP = 1 << 20;

const TEXT = /^(text\/|application\/(json|xml|x-yaml|yaml|javascript|x-sh|sql|toml|x-properties))/;
const TEXT_EXT = /\.(txt|log|env|json|ya?ml|xml|cfg|conf|ini|properties|sh|sql|toml|pem|key|csv|md)$/i;

interface Attachment {
  id?: string;
  filename?: string;
  mimeType?: string;
  size?: number;
  content?: string;
}

/** Chunks of an issue's text attachments (size-capped, only from the site itself). */
async function attachmentChunks(
  issue: JiraIssue,
  api: JiraApi,
  cx: JiraChunkContext,
  ctx: SourceContext,
  cap: number,
  signal?: AbortSignal,
): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for (const a of (issue.fields?.attachment ?? []) as Attachment[]) {
    const url = a.content;
    if (!url || !(TEXT.test(a.mimeType ?? "") || TEXT_EXT.test(a.filename ?? ""))) continue;
    if ((a.size ?? 0) > cap) {
      ctx.count({ skipped: 1 });
      continue;
    }
    // credentials go to the site only, never to a host named inside an issue
    if (new URL(url, cx.site).origin !== new URL(cx.site).origin) continue;
    try {
      const text = await fetchAttachment(new URL(url, cx.site).href, api.auth, cap, signal);
      if (text.includes("\0")) continue;
      out.push({
        text,
        line: 1,
        column: 1,
        provenance: {
          source: "jira",
          issue: issue.key,
          field: "attachment",
          attachment: a.filename ?? a.id,
          uri: url,
        },
      });
    } catch (err) {
      ctx.error(`jira:${issue.key} attachment ${a.filename ?? a.id}`, (err as Error).message);
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
    async *chunks(signal) {
      const q = jiraScope(target, startFrom(ctx, target.query.since));
      const api = jiraApi(q.site, ctx.env);
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
                return [issue, await attachmentChunks(issue, api, cx, ctx, cap, signal)] as const;
              }),
            ),
          );
          for (const [issue, attachments] of done) {
            const updated = String(issue.fields?.updated ?? "");
            if (q.since !== undefined && Date.parse(updated) < q.since * 1000) continue;
            const chunks = [...issueChunks(issue, cx), ...attachments];
            ctx.count({ items: 1, bytes: chunks.reduce((n, c) => n + c.text.length, 0) });
            yield* chunks;
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
