/**
 * The `slack:` source: conversations.history and the replies of every thread, channel topic and
 * purpose, and small text files, through @slack/web-api. Channels are read one after another and
 * each history page is yielded before the next is fetched, so memory holds one page (and its
 * threads) whatever the workspace size; threads and files of a page are fetched with bounded
 * concurrency (p-limit).
 */
import type { WebClient } from "@slack/web-api";
import pLimit from "p-limit";
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { type FetchFn, httpPolicy, PageGuard, policyFetch } from "../shared/http.js";
import { textLength } from "../shared/items.js";
import { reportCursor, startFrom } from "../shared/query.js";
import { fetchFileBytes, isFetchable, mayFetch, slackClient, slackReason } from "./api.js";
import { channelItems, messageItems, type SlackChannel, type SlackChunkContext } from "./chunks.js";
import {
  ALL_TYPES,
  type ConversationType,
  type LackingType,
  listConversations,
  neededScope,
  reportLacking,
} from "./conversations.js";
import type { SlackMessage } from "./message.js";
import type { SlackQuery } from "./query.js";

/** Largest file fetched through url_private (text, archive or HAR). */
export const SLACK_FILE_CAP = 16 << 20;
const PAGE = 200;

/** The query with its defaults: what one read covers. */
interface Scope {
  types: ConversationType[];
  /** `types=` was given: a type it names that cannot be read is an error, not a note. */
  typesGiven: boolean;
  channels: string[];
  /** Epoch seconds. */
  since?: number;
  until?: number;
}

interface Run {
  client: WebClient;
  ctx: SourceContext;
  q: Scope;
  cx: SlackChunkContext;
  token: string;
  apiUrl?: string;
  limit: ReturnType<typeof pLimit>;
  /** Downloads of url_private, under the HTTP policy. */
  get: FetchFn;
  stopped: boolean;
  /** A conversation that still exists could not be read: no resume point is reported. */
  partial: boolean;
  /** Channels the bot is not a member of: one error item for all, not one each. */
  notIn: string[];
  /** Conversation types the token's scopes do not allow: reported once, at the end. */
  lacking: LackingType[];
  signal?: AbortSignal;
}

/** Records a failed call; a fatal one (bad token) stops the source. */
function fail(run: Run, item: string, err: unknown): void {
  const { reason, fatal } = slackReason(err);
  if (reason.startsWith("not_in_channel")) {
    run.notIn.push(item.replace(/^slack:/, ""));
    return;
  }
  run.ctx.error(item, reason);
  if (fatal) run.stopped = true;
  // a deleted channel will not come back; anything else must be read again on the next run
  if (!/^(channel_not_found|not_in_channel)/.test(reason)) run.partial = true;
}

const label = (ch: SlackChannel) => `slack:#${ch.name ?? ch.id} (${ch.id})`;

/** The conversations to read: all of the query's types the token may read, or the ones named in `channels=`. */
async function selectChannels(run: Run, granted: string[] | undefined): Promise<SlackChannel[]> {
  const { channels: all, lacking } = await listConversations(run.client, run.q.types, granted);
  run.lacking.push(...lacking);
  for (const c of all) if (!c.name && typeof c.user === "string") c.name = c.user;
  if (!run.q.channels.length) return all;
  const out: SlackChannel[] = [];
  for (const want of run.q.channels) {
    const hit = all.find((c) => c.id === want || c.name === want);
    if (hit) out.push(hit);
    else {
      try {
        const res = await run.client.conversations.info({ channel: want });
        if (res.channel) out.push(res.channel as SlackChannel);
      } catch (err) {
        fail(run, `slack:#${want}`, err);
      }
    }
  }
  return out;
}

/** Replies of one thread, without its parent (history already gave it). */
async function threadReplies(run: Run, ch: SlackChannel, ts: string): Promise<SlackMessage[]> {
  const out: SlackMessage[] = [];
  const guard = new PageGuard();
  let cursor: string | undefined;
  do {
    const res = await run.client.conversations.replies({
      channel: ch.id,
      ts,
      cursor,
      limit: PAGE,
      oldest: run.q.since?.toString(),
      latest: run.q.until?.toString(),
    });
    for (const m of (res.messages ?? []) as SlackMessage[]) if (m.ts !== ts) out.push(m);
    cursor = guard.next(res.response_metadata?.next_cursor || undefined);
  } while (cursor);
  return out;
}

/** Fetches a message's readable files (size-capped) into `file.bytes`. */
async function fillFiles(run: Run, msg: SlackMessage): Promise<void> {
  for (const f of msg.files ?? []) {
    const url = f.url_private;
    if (!url || !isFetchable(f, SLACK_FILE_CAP) || !mayFetch(url, run.apiUrl)) continue;
    try {
      f.bytes = await fetchFileBytes(run.get, url, run.token, SLACK_FILE_CAP, run.signal);
    } catch (err) {
      run.ctx.error(
        `slack:file ${f.id ?? f.name ?? "?"}`,
        `could not fetch the file: ${slackReason(err).reason}`,
      );
    }
  }
}

/** A history page's messages with their thread replies, fetched with bounded concurrency. */
async function expandPage(run: Run, ch: SlackChannel, msgs: SlackMessage[]): Promise<SlackMessage[][]> {
  return Promise.all(
    msgs.map((m) =>
      run.limit(async () => {
        const group = [m];
        if (m.thread_ts === m.ts && (m.reply_count ?? 1) > 0 && m.ts) {
          try {
            group.push(...(await threadReplies(run, ch, m.ts)));
          } catch (err) {
            fail(run, `${label(ch)} thread ${m.ts}`, err);
          }
        }
        await Promise.all(group.filter((g) => g.files?.length).map((g) => fillFiles(run, g)));
        return group;
      }),
    ),
  );
}

/** Items of one conversation: topic, purpose, then history page by page with threads. */
async function* conversationItems(run: Run, ch: SlackChannel): AsyncGenerator<Item> {
  yield* channelItems(ch, run.cx);
  const guard = new PageGuard();
  let cursor: string | undefined;
  do {
    let res: Awaited<ReturnType<WebClient["conversations"]["history"]>>;
    try {
      res = await run.client.conversations.history({
        channel: ch.id,
        cursor,
        limit: PAGE,
        oldest: run.q.since?.toString(),
        latest: run.q.until?.toString(),
      });
    } catch (err) {
      const needed = neededScope(err);
      // no history scope for this type: one report for the type, its other conversations skipped
      if (needed && typeof ch.listedAs === "string") run.lacking.push({ type: ch.listedAs, needs: [needed] });
      else fail(run, label(ch), err);
      return;
    }
    // a reply broadcast to the channel shows in history too; it is read once, with its thread
    const top = ((res.messages ?? []) as SlackMessage[]).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    for (const group of await expandPage(run, ch, top)) {
      for (const m of group) {
        const items = messageItems(m, ch, run.cx);
        run.ctx.count({ items: 1, bytes: textLength(items) });
        yield* items;
      }
    }
    try {
      cursor = guard.next(res.has_more ? res.response_metadata?.next_cursor || undefined : undefined);
    } catch (err) {
      fail(run, label(ch), err);
      return;
    }
  } while (cursor && !run.stopped && !run.signal?.aborted);
}

/** The Slack Web API source; token from SLACK_TOKEN, base URL from SLACK_API_URL. */
export function slackSource(target: Target<SlackQuery>, ctx: SourceContext): Source {
  const id = target.raw;
  return {
    async *items(signal) {
      const { query } = target;
      const q: Scope = {
        types: query.types?.length ? query.types : ALL_TYPES,
        typesGiven: !!query.types?.length,
        channels: query.channels ?? [],
        since: startFrom(ctx, query.since),
        until: query.until,
      };
      const token = ctx.env.SLACK_TOKEN;
      if (!token) {
        ctx.error(id, "SLACK_TOKEN is not set; give a bot or user token (xoxb-… or xoxp-…)");
        return;
      }
      const apiUrl = ctx.env.SLACK_API_URL || undefined;
      const policy = httpPolicy(ctx.env);
      const client = slackClient(token, apiUrl, { policy, signal });
      const run: Run = {
        client,
        ctx,
        q,
        token,
        apiUrl,
        limit: pLimit(4),
        get: policyFetch(policy, { signal }),
        stopped: false,
        partial: false,
        notIn: [],
        lacking: [],
        signal,
        cx: { source: "slack" },
      };
      const started = new Date().toISOString();
      let channels: SlackChannel[];
      try {
        const auth = await client.auth.test();
        if (typeof auth.url === "string") run.cx.host = new URL(auth.url).host;
        channels = await selectChannels(run, auth.response_metadata?.scopes);
      } catch (err) {
        fail(run, id, err);
        return;
      }
      for (const ch of channels) {
        if (run.stopped || signal?.aborted) return;
        if (run.lacking.some((l) => l.type === ch.listedAs)) continue;
        yield* conversationItems(run, ch);
      }
      if (reportLacking(ctx, id, run.lacking, q.typesGiven)) run.partial = true;
      if (run.notIn.length) {
        const some = run.notIn.slice(0, 5).join(", ") + (run.notIn.length > 5 ? ", …" : "");
        ctx.error(
          `slack: ${run.notIn.length} conversation${run.notIn.length > 1 ? "s" : ""} (${some})`,
          "not_in_channel: the bot is not a member; invite it (/invite @bot) or use a user token",
        );
      }
      if (run.partial)
        ctx.notice("no resume point: some conversations could not be read; run again from the same since=");
      else if (!run.stopped && !signal?.aborted) reportCursor(ctx, started);
    },
  };
}
