/**
 * Atlassian Document Format (Jira Cloud rich text) to plain text: what a person reads, plus what
 * they would copy — code blocks and inline code verbatim, and every link target (link marks,
 * inlineCard/blockCard/embedCard URLs), since a secret often rides in a URL's query.
 */

type AdfNode = {
  type?: string;
  text?: string;
  content?: unknown[];
  attrs?: Record<string, unknown>;
  marks?: { type?: string; attrs?: Record<string, unknown> }[];
};

/** Block nodes end a line; the rest are inline. */
const BLOCKS = new Set([
  "paragraph",
  "heading",
  "codeBlock",
  "blockquote",
  "listItem",
  "bulletList",
  "orderedList",
  "taskList",
  "taskItem",
  "decisionList",
  "decisionItem",
  "panel",
  "table",
  "tableRow",
  "rule",
  "mediaSingle",
  "mediaGroup",
  "expand",
  "nestedExpand",
  "blockCard",
  "embedCard",
  "layoutSection",
  "layoutColumn",
]);

/** True for an ADF document (`{type: "doc", content: […]}`). */
export function isAdf(v: unknown): v is AdfNode {
  return (
    typeof v === "object" &&
    v !== null &&
    (v as AdfNode).type === "doc" &&
    Array.isArray((v as AdfNode).content)
  );
}

function textNode(n: AdfNode): string {
  const text = n.text ?? "";
  const link = n.marks?.find((m) => m.type === "link")?.attrs?.href;
  return typeof link === "string" && link && link !== text ? `${text} (${link})` : text;
}

function inlineAtom(n: AdfNode): string {
  const a = n.attrs ?? {};
  switch (n.type) {
    case "hardBreak":
      return "\n";
    case "inlineCard":
    case "blockCard":
    case "embedCard":
      return String(a.url ?? (a.data as { url?: string } | undefined)?.url ?? "");
    case "mention":
      return String(a.text ?? `@${a.id ?? ""}`);
    case "emoji":
      return String(a.text ?? a.shortName ?? "");
    case "status":
      return String(a.text ?? "");
    case "date":
      return a.timestamp ? new Date(Number(a.timestamp)).toISOString().slice(0, 10) : "";
    default:
      return "";
  }
}

function render(n: AdfNode, out: string[]): void {
  if (n.type === "text") {
    out.push(textNode(n));
    return;
  }
  const block = BLOCKS.has(n.type ?? "");
  const title = n.attrs?.title;
  if (typeof title === "string" && title) out.push(`${title}\n`);
  out.push(inlineAtom(n));
  for (const c of n.content ?? []) {
    if (typeof c === "object" && c !== null) render(c as AdfNode, out);
  }
  if (n.type === "tableCell" || n.type === "tableHeader") out.push("\t");
  if (block && out.length && !out[out.length - 1]!.endsWith("\n")) out.push("\n");
}

/** Renders an ADF document (or any ADF node) to text, one line per block. */
export function adfToText(doc: unknown): string {
  if (typeof doc !== "object" || doc === null) return "";
  const out: string[] = [];
  render(doc as AdfNode, out);
  return out.join("").replace(/\n+$/, "");
}

/** A field value as text: a string as is, an ADF document rendered, anything else empty. */
export function fieldText(v: unknown): string {
  if (typeof v === "string") return v;
  if (isAdf(v)) return adfToText(v);
  return "";
}
