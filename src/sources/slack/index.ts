/**
 * The `slack:` source: conversations.history and the replies of every thread, channel topic and
 * purpose, and small text files, through @slack/web-api. Channels are read one after another
 * (`history.ts` reads one); the run's state and its end-of-read reports are in `run.ts`.
 */
import pLimit from "p-limit";
import type { Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { httpPolicy, policyFetch } from "../shared/http.js";
import { startFrom } from "../shared/query.js";
import { slackClient } from "./api.js";
import type { SlackChannel } from "./chunks.js";
import { ALL_TYPES, listConversations } from "./conversations.js";
import { conversationItems } from "./history.js";
import type { SlackQuery } from "./query.js";
import { fail, finishRun, type Run, type Scope } from "./run.js";

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

/** The query with its defaults; `since` falls back to the stored resume point. */
function scopeOf(query: SlackQuery, ctx: SourceContext): Scope {
  return {
    types: query.types?.length ? query.types : ALL_TYPES,
    typesGiven: !!query.types?.length,
    channels: query.channels ?? [],
    since: startFrom(ctx, query.since),
    until: query.until,
  };
}

/** A fresh run against the API at `apiUrl` (the real one when unset). */
function openRun(ctx: SourceContext, q: Scope, token: string, signal?: AbortSignal): Run {
  const apiUrl = ctx.env.SLACK_API_URL || undefined;
  const policy = httpPolicy(ctx.env);
  return {
    client: slackClient(token, apiUrl, { policy, signal }),
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
}

/** The Slack Web API source; token from SLACK_TOKEN, base URL from SLACK_API_URL. */
export function slackSource(target: Target<SlackQuery>, ctx: SourceContext): Source {
  const id = target.raw;
  return {
    async *items(signal) {
      const q = scopeOf(target.query, ctx);
      const token = ctx.env.SLACK_TOKEN;
      if (!token) {
        ctx.error(id, "SLACK_TOKEN is not set; give a bot or user token (xoxb-… or xoxp-…)");
        return;
      }
      const run = openRun(ctx, q, token, signal);
      const started = new Date().toISOString();
      let channels: SlackChannel[];
      try {
        const auth = await run.client.auth.test();
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
      finishRun(run, id, started);
    },
  };
}
