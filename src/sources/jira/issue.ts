/**
 * A Jira issue (REST shape, v2 or v3) to items, shared by the API and export sources: summary,
 * description, environment, text custom fields, comments, worklog comments and the changelog.
 * Changelog values repeat each other (every version is one item's `toString` and the next one's
 * `fromString`), so each history keeps only lines no earlier history and no current field shows:
 * a secret deleted from a description is found once, in the history that still holds it.
 */
import type { Provenance, TextItem } from "../../types.js";
import { fieldText } from "./adf.js";

/** The parts of an issue the scanner reads. */
export interface JiraIssue {
  id?: string;
  key: string;
  self?: string;
  fields?: Record<string, unknown>;
  changelog?: { histories?: JiraHistory[]; total?: number; maxResults?: number; startAt?: number };
  [k: string]: unknown;
}

/** One changelog entry. */
export interface JiraHistory {
  id: string;
  created?: string;
  author?: { accountId?: string; name?: string };
  items?: { field?: string; fieldId?: string; fromString?: string | null; toString?: string | null }[];
}

/** Where items come from and how their URLs read. */
export interface JiraChunkContext {
  source: "jira" | "jira-export";
  /** Site base URL without a trailing slash (`https://acme.atlassian.net`). */
  site: string;
}

const DIRECT = ["summary", "description", "environment"];

/** The site of an issue from its `self` URL (`https://site/rest/api/3/issue/10001` → `https://site`). */
export function siteOf(self: string | undefined): string | undefined {
  const m = self ? /^(https?:\/\/.+?)\/rest\/api\//.exec(self) : null;
  return m?.[1];
}

/** The browse URL of an issue, with an optional query (`focusedCommentId=…`). */
export function browseUrl(site: string, key: string, query?: string): string {
  return `${site}/browse/${key}${query ? `?${query}` : ""}`;
}

/** A field's text as an item: its id names the issue and the field (and comment, worklog, history). */
function item(text: string, provenance: Provenance): TextItem {
  const p = provenance;
  const sub = p.comment ?? p.worklog ?? p.changelog;
  return { id: `${p.issue}/${p.field}${sub !== undefined ? `/${String(sub)}` : ""}`, text, provenance };
}

/** Current field values: summary, description, environment, and custom fields that hold text. */
function currentFields(fields: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (const f of DIRECT) {
    const t = fieldText(fields[f]);
    if (t) out.push([f, t]);
  }
  for (const [k, v] of Object.entries(fields)) {
    if (!k.startsWith("customfield_")) continue;
    const t = fieldText(v);
    if (t) out.push([k, t]);
  }
  return out;
}

/** Items of an issue's own fields, comments, worklog comments and changelog. */
export function issueItems(issue: JiraIssue, cx: JiraChunkContext): TextItem[] {
  const key = issue.key;
  const fields = issue.fields ?? {};
  const base = { source: cx.source, issue: key } as const;
  const out: TextItem[] = [];
  const current = currentFields(fields);
  for (const [field, text] of current) out.push(item(text, { ...base, field, uri: browseUrl(cx.site, key) }));
  const comments = (fields.comment as { comments?: Record<string, unknown>[] } | undefined)?.comments ?? [];
  for (const c of comments) {
    const text = fieldText(c.body);
    const id = String(c.id ?? "");
    if (text)
      out.push(
        item(text, {
          ...base,
          field: "comment",
          comment: id,
          uri: browseUrl(cx.site, key, `focusedCommentId=${id}`),
        }),
      );
  }
  const worklogs = (fields.worklog as { worklogs?: Record<string, unknown>[] } | undefined)?.worklogs ?? [];
  for (const w of worklogs) {
    const text = fieldText(w.comment);
    const id = String(w.id ?? "");
    if (text)
      out.push(
        item(text, {
          ...base,
          field: "worklog",
          worklog: id,
          uri: browseUrl(cx.site, key, `focusedWorklogId=${id}`),
        }),
      );
  }
  out.push(...changelogItems(issue, cx, current.map(([, t]) => t).join("\n")));
  return out;
}

/** Items of the changelog, oldest first, each history with only the lines not seen before. */
export function changelogItems(issue: JiraIssue, cx: JiraChunkContext, current: string): TextItem[] {
  const histories = [...(issue.changelog?.histories ?? [])].sort(
    (a, b) => Date.parse(a.created ?? "") - Date.parse(b.created ?? "") || Number(a.id) - Number(b.id),
  );
  const seen = new Set(current.split("\n"));
  const out: TextItem[] = [];
  for (const h of histories) {
    const lines: string[] = [];
    for (const it of h.items ?? []) {
      for (const v of [it.fromString, it.toString]) {
        if (typeof v !== "string") continue;
        for (const line of v.split("\n")) {
          if (!line.trim() || seen.has(line)) continue;
          seen.add(line);
          lines.push(line);
        }
      }
    }
    if (!lines.length) continue;
    const uri = browseUrl(
      cx.site,
      issue.key,
      "page=com.atlassian.jira.plugin.system.issuetabpanels:changehistory-tabpanel",
    );
    out.push(
      item(lines.join("\n"), {
        source: cx.source,
        issue: issue.key,
        field: "changelog",
        changelog: String(h.id),
        uri,
      }),
    );
  }
  return out;
}
