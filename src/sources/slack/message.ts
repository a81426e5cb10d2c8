/**
 * A Slack message to its text fields (text, blocks, attachments, files), each as a person would
 * read it. Fields repeat each other often (a client sends both `text` and rich_text blocks), so
 * blocks and attachments keep only lines the message text does not already show: one copy, one
 * finding.
 */
import { decodeEntities, decodeSlackMarkup } from "./markup.js";

/** The parts of a Slack message (API or export) that the scanner reads. */
export interface SlackMessage {
  type?: string;
  subtype?: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  username?: string;
  text?: string;
  blocks?: unknown[];
  attachments?: Record<string, unknown>[];
  files?: SlackFile[];
  message?: SlackMessage;
  previous_message?: SlackMessage;
  reply_count?: number;
  [key: string]: unknown;
}

/** A file shared in a message. */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  mode?: string;
  url_private?: string;
  preview?: string;
  preview_plain_text?: string;
  plain_text?: string;
  /** Filled by the API source when it fetched the file (the content layer reads it). */
  bytes?: Uint8Array;
  [key: string]: unknown;
}

/** One field of a message and its text. */
export interface MessageField {
  field: string;
  text: string;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null;

/** Renders an inline rich_text element. */
function richInline(el: Node): string {
  switch (el.type) {
    case "text":
      return String(el.text ?? "");
    case "link": {
      const url = String(el.url ?? "");
      return el.text && el.text !== url ? `${el.text} (${url})` : url;
    }
    case "user":
      return `@${el.user_id}`;
    case "channel":
      return `#${el.channel_id}`;
    case "usergroup":
      return `@${el.usergroup_id}`;
    case "broadcast":
      return `@${el.range}`;
    case "emoji":
      return `:${el.name}:`;
    case "date":
      return String(el.fallback ?? el.timestamp ?? "");
    default:
      return typeof el.text === "string" ? el.text : "";
  }
}

/** Renders any block (rich_text, section, preformatted, code, context…) to lines. */
function renderBlock(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) renderBlock(n, out);
    return;
  }
  if (!isNode(node)) return;
  const t = node.type;
  if (t === "rich_text_section" || t === "rich_text_preformatted" || t === "rich_text_quote") {
    const els = Array.isArray(node.elements) ? node.elements : [];
    out.push(els.map((e) => (isNode(e) ? richInline(e) : "")).join(""));
    return;
  }
  if (typeof node.text === "string") {
    out.push(t === "mrkdwn" ? decodeSlackMarkup(node.text) : node.text);
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === "text" && typeof v === "string") continue;
    if ((k === "url" || k === "image_url") && typeof v === "string") out.push(v);
    else if (isNode(v) || Array.isArray(v)) renderBlock(v, out);
  }
}

/** Renders Slack blocks to text. */
export function blocksText(blocks: unknown): string {
  const out: string[] = [];
  renderBlock(blocks, out);
  return out.join("\n");
}

/** Renders attachments (text, pretext, title and link, fields, fallback, footer, blocks). */
export function attachmentsText(atts: Record<string, unknown>[]): string {
  const out: string[] = [];
  const push = (v: unknown) => typeof v === "string" && v && out.push(decodeSlackMarkup(v));
  for (const a of atts) {
    for (const k of [
      "pretext",
      "author_name",
      "title",
      "title_link",
      "text",
      "fallback",
      "footer",
      "from_url",
    ])
      push(a[k]);
    if (Array.isArray(a.fields))
      for (const f of a.fields as Node[]) {
        push(f.title);
        push(f.value);
      }
    if (a.blocks) out.push(blocksText(a.blocks));
    if (a.message_blocks) out.push(blocksText(a.message_blocks));
  }
  return out.join("\n");
}

/** The previews Slack sends of shared files that were not fetched (fetched ones are items of their own). */
export function filesText(files: SlackFile[]): string {
  const out: string[] = [];
  for (const f of files) {
    if (f.bytes) continue;
    const t = f.preview ?? f.preview_plain_text ?? f.plain_text;
    if (typeof t === "string" && t) out.push(decodeEntities(t));
  }
  return out.join("\n");
}

/** Keeps the lines of `text` (non-blank, deduplicated) that `seen` does not already contain. */
function newLines(text: string, seen: string): string {
  const kept = new Set<string>();
  for (const line of text.split("\n")) {
    if (line.trim() && !seen.includes(line)) kept.add(line);
  }
  return [...kept].join("\n");
}

/** The text fields of a message: text, blocks, attachments, files (and the edit's previous text). */
export function messageFields(msg: SlackMessage): MessageField[] {
  const fields: MessageField[] = [];
  const text = typeof msg.text === "string" ? decodeSlackMarkup(msg.text) : "";
  if (text) fields.push({ field: "text", text });
  let seen = text;
  if (Array.isArray(msg.blocks) && msg.blocks.length) {
    const b = newLines(blocksText(msg.blocks), seen);
    if (b) fields.push({ field: "blocks", text: b });
    seen += `\n${b}`;
  }
  if (Array.isArray(msg.attachments) && msg.attachments.length) {
    const a = newLines(attachmentsText(msg.attachments), seen);
    if (a) fields.push({ field: "attachments", text: a });
  }
  if (Array.isArray(msg.files) && msg.files.length) {
    const f = filesText(msg.files);
    if (f) fields.push({ field: "files", text: f });
  }
  const prev = msg.previous_message?.text;
  if (typeof prev === "string" && prev) fields.push({ field: "previous", text: decodeSlackMarkup(prev) });
  return fields;
}
