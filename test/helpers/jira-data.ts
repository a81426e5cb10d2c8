/**
 * A small Jira site with a secret in each place the issue names (ADF code block, ADF link and
 * card, comment beyond the inlined ones, worklog, custom field, attachment, and one that survives
 * only in the changelog), plus filler issues for paging. Served by the fake API and written as
 * an export, so both sources can be checked against the same data.
 */
import { adfToText, isAdf } from "../../src/sources/jira/adf.js";
import type { JiraIssue } from "../../src/sources/jira/issue.js";
import type { FakeJiraData } from "./fake-jira.mjs";
import { fakeSecret } from "./literal-matcher.js";

/** The kinds of places a secret sits in the small site. */
export const JIRA_PLACES = [
  "adfcode",
  "adflink",
  "card",
  "comment",
  "worklog",
  "custom",
  "changelog",
  "attachment",
] as const;
export type JiraPlace = (typeof JIRA_PLACES)[number];

/** Site data plus the planted secrets; `base` is the fake server's URL (attachment links). */
export interface SmallSite extends FakeJiraData {
  secrets: Record<JiraPlace, string>;
  base: string;
}

const doc = (...content: unknown[]) => ({ type: "doc", version: 1, content });
const para = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const hour = (k: number) =>
  new Date(Date.UTC(2024, 2, 1) + k * 3_600_000).toISOString().replace("Z", "+0000");

function filler(k: number): JiraIssue {
  return {
    id: String(10000 + k),
    key: `ACME-${k}`,
    fields: { summary: `filler ${k}`, description: doc(para(text(`nothing here ${k}`))), updated: hour(k) },
  };
}

/** The must-show issue. */
function mainIssue(s: Record<JiraPlace, string>, base: string): JiraIssue {
  const history = (id: string, k: number, from: string, to: string) => ({
    id,
    created: hour(k),
    items: [{ field: "description", fieldId: "description", fromString: from, toString: to }],
  });
  return {
    id: "10001",
    key: "ACME-1",
    fields: {
      summary: "Deploy pipeline broken",
      updated: hour(1),
      environment: "prod-eu",
      description: doc(
        para(text("Steps:")),
        {
          type: "codeBlock",
          attrs: { language: "bash" },
          content: [text(`curl -s \\\n  -H 'X-Key: ${s.adfcode}'`)],
        },
        para(
          text("see "),
          text("the runbook", [{ type: "link", attrs: { href: `https://example.com/rb?k=${s.adflink}` } }]),
        ),
        para({ type: "inlineCard", attrs: { url: `https://example.com/card/${s.card}` } }),
      ),
      customfield_10010: doc(para(text(`rollback key ${s.custom}`))),
      customfield_10020: 5,
      comment: {
        comments: [
          { id: "20001", body: doc(para(text("first"))) },
          { id: "20002", body: doc(para(text("second"))) },
          { id: "20003", body: doc(para(text("use this:")), para(text(s.comment, [{ type: "code" }]))) },
        ],
      },
      worklog: { worklogs: [{ id: "30001", comment: doc(para(text(`rotated ${s.worklog}`))) }] },
      attachment: [
        {
          id: "A1",
          filename: "env.txt",
          mimeType: "text/plain",
          size: 64,
          content: `${base}/attachments/A1`,
        },
        {
          id: "A2",
          filename: "shot.png",
          mimeType: "image/png",
          size: 64,
          content: `${base}/attachments/A2`,
        },
      ],
    },
    changelog: {
      histories: [
        history("40001", 0, "", "Steps:"),
        history("40002", 0, "Steps:", "Steps:\nwip"),
        history("40003", 1, `Steps:\nold key ${s.changelog}\nwip`, "Steps:"),
      ],
    },
  };
}

/** As API v2 (Server/DC) shows an issue: rich text as plain strings. */
function asV2(issue: JiraIssue): JiraIssue {
  const strip = (v: unknown): unknown => (isAdf(v) ? adfToText(v) : v);
  const f = Object.fromEntries(Object.entries(issue.fields ?? {}).map(([k, v]) => [k, strip(v)]));
  const c = f.comment as { comments: Record<string, unknown>[] };
  f.comment = { comments: c.comments.map((x) => ({ ...x, body: strip(x.body) })) };
  const w = f.worklog as { worklogs: Record<string, unknown>[] };
  f.worklog = { worklogs: w.worklogs.map((x) => ({ ...x, comment: strip(x.comment) })) };
  return { ...issue, fields: f };
}

/** Builds the small site with fresh secrets. */
export function smallSite(): SmallSite {
  const s = Object.fromEntries(JIRA_PLACES.map((p) => [p, fakeSecret(`fake_${p}_`, 24)])) as Record<
    JiraPlace,
    string
  >;
  const site: SmallSite = {
    base: "",
    secrets: s,
    issues: () => [mainIssue(s, site.base), ...Array.from({ length: 60 }, (_, i) => filler(i + 2))],
    attachments: { A1: `HOST=db\nPASSWORD=${s.attachment}\n`, A2: "\u0089PNG" },
    v2: (i) => (i.key === "ACME-1" ? asV2(i) : i),
  };
  return site;
}
