/**
 * Slack messages to chunks, shared by the API and the export sources so that both give the same
 * chunks (and so the same findings) for the same data: one chunk per message field, with the
 * channel, ts, thread and user as provenance and the message permalink as locator.
 */
import type { Chunk, Provenance } from "../../types.js";
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

function chunk(text: string, provenance: Provenance): Chunk {
  return { text, provenance, line: 1, column: 1 };
}

/** One chunk per text field of a message (an edit's new and previous text included). */
export function messageChunks(msg: SlackMessage, ch: SlackChannel, cx: SlackChunkContext): Chunk[] {
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
  return fields.map(({ field, text }) =>
    chunk(text, {
      source: cx.source,
      channel: ch.id,
      channelName: ch.name ?? ch.id,
      ts,
      ...(threadTs ? { threadTs } : {}),
      ...(user ? { user } : {}),
      field,
      uri,
    }),
  );
}

/** Chunks of a channel's topic and purpose. */
export function channelChunks(ch: SlackChannel, cx: SlackChunkContext): Chunk[] {
  const out: Chunk[] = [];
  const uri = `https://${cx.host ?? "slack.com"}/archives/${ch.id}`;
  for (const field of ["topic", "purpose"] as const) {
    const text = ch[field]?.value;
    if (typeof text === "string" && text) {
      out.push(
        chunk(decodeSlackMarkup(text), {
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
