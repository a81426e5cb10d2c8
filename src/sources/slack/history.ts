/**
 * One conversation of `slack:`: topic and purpose, then its history page by page, each page's
 * threads and small files fetched with bounded concurrency before the next page is asked for, so
 * memory holds one page (and its threads) whatever the conversation's size.
 */
import type { WebClient } from "@slack/web-api";
import type { Item } from "../../types.js";
import { PageGuard } from "../shared/http.js";
import { textLength } from "../shared/items.js";
import { fetchFileBytes, isFetchable, mayFetch, slackReason } from "./api.js";
import { channelItems, messageItems, type SlackChannel } from "./chunks.js";
import { neededScope } from "./conversations.js";
import type { SlackMessage } from "./message.js";
import { fail, label, type Run } from "./run.js";

/** Largest file fetched through url_private (text, archive or HAR). */
export const SLACK_FILE_CAP = 16 << 20;
const PAGE = 200;

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

type HistoryPage = Awaited<ReturnType<WebClient["conversations"]["history"]>>;

/** One history page; undefined when it could not be read (reported). */
async function historyPage(run: Run, ch: SlackChannel, cursor?: string): Promise<HistoryPage | undefined> {
  try {
    return await run.client.conversations.history({
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
    return undefined;
  }
}

/** The items of a history page's messages and their threads, counted. */
async function* pageItems(run: Run, ch: SlackChannel, res: HistoryPage): AsyncGenerator<Item> {
  // a reply broadcast to the channel shows in history too; it is read once, with its thread
  const top = ((res.messages ?? []) as SlackMessage[]).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
  for (const group of await expandPage(run, ch, top)) {
    for (const m of group) {
      const items = messageItems(m, ch, run.cx);
      run.ctx.count({ items: 1, bytes: textLength(items) });
      yield* items;
    }
  }
}

/** Items of one conversation: topic, purpose, then history page by page with threads. */
export async function* conversationItems(run: Run, ch: SlackChannel): AsyncGenerator<Item> {
  yield* channelItems(ch, run.cx);
  const guard = new PageGuard();
  let cursor: string | undefined;
  do {
    const res = await historyPage(run, ch, cursor);
    if (!res) return;
    yield* pageItems(run, ch, res);
    try {
      cursor = guard.next(res.has_more ? res.response_metadata?.next_cursor || undefined : undefined);
    } catch (err) {
      fail(run, label(ch), err);
      return;
    }
  } while (cursor && !run.stopped && !run.signal?.aborted);
}
