/**
 * Slack messages to items, shared by the API and the export sources so that both give the same
 * items (and so the same findings) for the same data: one text item per message field, one byte
 * item per fetched file (the content layer opens a HAR or a zip), with the channel, ts, thread
 * and user as provenance and the message permalink as locator.
 */
import type { Item, Provenance, TextItem } from "../../types.js";
import { decodeSlackMarkup } from "./markup.js";
import { type MessageField, messageFields, type SlackMessage } from "./message.js";

/** A conversation: id, and a name for people (channel name, or the DM's user). */
export interface SlackChannel {
  id: string;
  name?: string;
  topic?: { value?: string };
  purpose?: { value?: string };
  [key: string]: unknown;
}

/** Where chunks come from and how their permalinks read. */
export interface SlackChunkContext {
  source: "slack" | "slack-export";
  /** Workspace host, `acme.slack.com`; absent: `slack.com` (Slack redirects a signed-in user). */
  host?: string;
}

/** `acme`, `acme.slack.com` or `https://acme.slack.com/` → `acme.slack.com`. */
export function slackHost(name: string): string {
  let host = name.trim().replace(/^[a-z]+:\/\//i, "");
  host = host.split("/")[0]!.toLowerCase();
  return host.includes(".") ? host : `${host}.slack.com`;
}

/** The permalink of a message (with `thread_ts` and `cid` for a thread reply). */
export function slackPermalink(
  host: string | undefined,
  channel: string,
  ts: string,
  threadTs?: string,
): string {
  const base = `https://${host ?? "slack.com"}/archives/${channel}/p${ts.replace(".", "")}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}

function textItem(id: string, text: string, provenance: Provenance): TextItem {
  return { id, text, provenance };
}

/** One item per text field of a message (an edit's new and previous text included) and per fetched file. */
export function messageItems(msg: SlackMessage, ch: SlackChannel, cx: SlackChunkContext): Item[] {
  const inner = msg.subtype === "message_changed" && msg.message ? msg.message : msg;
  const ts = String(inner.ts ?? msg.ts ?? "");
  if (!ts) return [];
  const threadTs = inner.thread_ts && inner.thread_ts !== ts ? String(inner.thread_ts) : undefined;
  const fields: MessageField[] = messageFields(inner);
  if (inner !== msg && msg.previous_message?.text) {
    fields.push(...messageFields({ text: "", previous_message: msg.previous_message }));
  }
  const user = String(inner.user ?? inner.bot_id ?? inner.username ?? "");
  const uri = slackPermalink(cx.host, ch.id, ts, threadTs);
  const at = (field: string): Provenance => ({
    source: cx.source,
    channel: ch.id,
    channelName: ch.name ?? ch.id,
    ts,
    ...(threadTs ? { threadTs } : {}),
    ...(user ? { user } : {}),
    field,
    uri,
  });
  const id = `${ch.id}/${ts}`;
  const out: Item[] = fields.map(({ field, text }) => textItem(`${id}/${field}`, text, at(field)));
  for (const f of inner.files ?? []) {
    if (!f.bytes) continue;
    const name = f.name ?? f.title ?? f.id ?? "file";
    // the place of the preview an export shows; a member inside gets `path` (name!member)
    out.push({ id: `${id}/files/${f.id ?? name}`, name, provenance: at("files"), bytes: f.bytes });
  }
  return out;
}

/** Items of a channel's topic and purpose. */
export function channelItems(ch: SlackChannel, cx: SlackChunkContext): TextItem[] {
  const out: TextItem[] = [];
  const uri = `https://${cx.host ?? "slack.com"}/archives/${ch.id}`;
  for (const field of ["topic", "purpose"] as const) {
    const text = ch[field]?.value;
    if (typeof text === "string" && text) {
      out.push(
        textItem(`${ch.id}/${field}`, decodeSlackMarkup(text), {
          source: cx.source,
          channel: ch.id,
          channelName: ch.name ?? ch.id,
          field,
          uri,
        }),
      );
    }
  }
  return out;
}

/** True when a message ts (seconds.micro) is within [since, until] (epoch seconds). */
export function inRange(ts: string | undefined, since?: number, until?: number): boolean {
  const t = Number(ts);
  if (!Number.isFinite(t)) return true;
  return (since === undefined || t >= since) && (until === undefined || t <= until);
}
