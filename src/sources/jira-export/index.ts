/**
 * The `jira-export:PATH[?since=…&site=…]` source: JSON files shaped like REST search responses
 * (pages with `issues: […]`, an array of issues or of pages, or one issue), with or without
 * `expand=changelog`; a folder is read file by file. Issues go through the same item builder as
 * the API source; the site for locators comes from each issue's `self` URL (or `site=`).
 * Arrays are streamed element by element, so a file of any size is read in bounded memory.
 * Attachments are read when the folder holds them as Jira stores them
 * (`attachments/PROJECT/10000/KEY-1/10001`: the issue key, then the attachment id).
 */
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileBytes } from "../../content/text.js";
import { reasonOf } from "../../errors.js";
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { attachmentItem, attachmentsOf } from "../jira/attachments.js";
import { issueItems, type JiraChunkContext, type JiraIssue, siteOf } from "../jira/issue.js";
import { textLength } from "../shared/items.js";
import { reportCursor, startFrom } from "../shared/query.js";
import { streamElements } from "./json-stream.js";

/** Largest export file parsed whole (a file holding one issue object); arrays are streamed. */
export const JIRA_EXPORT_CAP = 256 << 20;

/** The issues in one parsed export file, whatever its shape. */
export function issuesOf(doc: unknown): JiraIssue[] {
  if (Array.isArray(doc))
    return doc.flatMap((d) => (d && typeof d === "object" && "issues" in d ? issuesOf(d) : [d]));
  if (doc && typeof doc === "object") {
    const o = doc as { issues?: unknown; key?: unknown };
    if (Array.isArray(o.issues)) return o.issues as JiraIssue[];
    if (typeof o.key === "string") return [o as JiraIssue];
  }
  throw new Error("no issues: expected {issues: […]}, an array of issues, or an issue");
}

/** The JSON files of an export, and its attachment files by `KEY-1/10001`. */
async function exportFiles(where: string): Promise<{ json: string[]; attachments: Map<string, string> }> {
  const attachments = new Map<string, string>();
  if (!(await stat(where)).isDirectory()) return { json: [where], attachments };
  const json: string[] = [];
  for (const e of await readdir(where, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath ?? where, e.name);
    if (e.name.endsWith(".json")) json.push(file);
    const m = /(?:^|[\\/])attachments[\\/](?:.*[\\/])?([A-Z][A-Z0-9_]*-\d+)[\\/](\d+)$/.exec(file);
    if (m) attachments.set(`${m[1]}/${m[2]}`, file);
  }
  return { json: json.sort(), attachments };
}

/** An issue's items: its fields, and the attachments the export holds. */
function exportItems(issue: JiraIssue, cx: JiraChunkContext, attachments: Map<string, string>): Item[] {
  const out: Item[] = issueItems(issue, cx);
  for (const a of attachmentsOf(issue)) {
    const file = a.id === undefined ? undefined : attachments.get(`${issue.key}/${a.id}`);
    if (file) out.push(attachmentItem(issue, a, cx, { bytes: () => fileBytes(file), file }));
  }
  return out;
}

/** The issues of one export file: streamed from arrays, or the whole file when it is one issue. */
async function* fileIssues(file: string): AsyncGenerator<JiraIssue> {
  const elements = streamElements(createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 }));
  let r = await elements.next();
  for (; !r.done; r = await elements.next()) yield* issuesOf(r.value);
  if (r.value.emitted || r.value.root === "array") return;
  if (r.value.root === "other")
    throw new Error("no issues: expected {issues: […]}, an array of issues, or an issue");
  if ((await stat(file)).size > JIRA_EXPORT_CAP) throw new Error(`larger than ${JIRA_EXPORT_CAP} bytes`);
  yield* issuesOf(JSON.parse(await readFile(file, "utf8")));
}

/** The Jira export source. */
export function jiraExportSource(
  target: Target<{ since?: number; site?: string }>,
  ctx: SourceContext,
): Source {
  return {
    async *items(signal) {
      const q = { since: startFrom(ctx, target.query.since), site: target.query.site };
      const root = target.path ?? target.spec;
      let files: string[];
      let attachments: Map<string, string>;
      try {
        ({ json: files, attachments } = await exportFiles(root));
      } catch (err) {
        ctx.error(target.spec, `not a readable Jira export (JSON file or folder): ${reasonOf(err)}`);
        return;
      }
      // a folder without one JSON file is not an export: an error, never a clean run
      if (!files.length) {
        ctx.error(target.spec, "not a Jira export: the folder holds no JSON file");
        return;
      }
      let latest = 0;
      for (const file of files) {
        if (signal?.aborted) return;
        try {
          for await (const issue of fileIssues(file)) {
            if (!issue || typeof issue.key !== "string") continue;
            const updated = Date.parse(String(issue.fields?.updated ?? ""));
            if (q.since !== undefined && updated < q.since * 1000) continue;
            if (updated > latest) latest = updated;
            const site = siteOf(issue.self) ?? q.site ?? "";
            const items = exportItems(issue, { source: "jira-export", site }, attachments);
            ctx.count({ items: 1, bytes: textLength(items) });
            yield* items;
          }
        } catch (err) {
          const shown = file === root ? target.spec : path.join(target.spec, path.relative(root, file));
          ctx.error(shown, `not a readable Jira export: ${reasonOf(err)}`);
        }
      }
      if (latest) reportCursor(ctx, new Date(latest).toISOString());
    },
  };
}
