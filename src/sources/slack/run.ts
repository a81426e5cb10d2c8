/**
 * The state of one `slack:` read: the client, what the query covers, and what went wrong so far.
 * A conversation that could not be read leaves the run partial (no resume point); channels the bot
 * is not in and conversation types the token cannot read are reported once, at the end.
 */
import type { WebClient } from "@slack/web-api";
import type pLimit from "p-limit";
import type { SourceContext } from "../../types.js";
import type { FetchFn } from "../shared/http.js";
import { reportCursor } from "../shared/query.js";
import { slackReason } from "./api.js";
import type { SlackChannel, SlackChunkContext } from "./chunks.js";
import { type ConversationType, type LackingType, reportLacking } from "./conversations.js";

/** The query with its defaults: what one read covers. */
export interface Scope {
  types: ConversationType[];
  /** `types=` was given: a type it names that cannot be read is an error, not a note. */
  typesGiven: boolean;
  channels: string[];
  /** Epoch seconds. */
  since?: number;
  until?: number;
}

/** One read of the Slack API. */
export interface Run {
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
export function fail(run: Run, item: string, err: unknown): void {
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

/** How a conversation is named in error items. */
export const label = (ch: SlackChannel) => `slack:#${ch.name ?? ch.id} (${ch.id})`;

/**
 * The end of a read: types the token lacks, channels the bot is not in, then the resume point
 * (`started`) when everything that exists was read.
 */
export function finishRun(run: Run, id: string, started: string): void {
  const { ctx, notIn } = run;
  if (reportLacking(ctx, id, run.lacking, run.q.typesGiven)) run.partial = true;
  if (notIn.length) {
    const some = notIn.slice(0, 5).join(", ") + (notIn.length > 5 ? ", …" : "");
    ctx.error(
      `slack: ${notIn.length} conversation${notIn.length > 1 ? "s" : ""} (${some})`,
      "not_in_channel: the bot is not a member; invite it (/invite @bot) or use a user token",
    );
  }
  if (run.partial)
    ctx.notice("no resume point: some conversations could not be read; run again from the same since=");
  else if (!run.stopped && !run.signal?.aborted) reportCursor(ctx, started);
}
