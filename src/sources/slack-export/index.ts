/**
 * The `slack-export:PATH[?since=…&until=…&channels=…]` source: a standard Slack export, folder
 * or zip. Messages go through the same chunk builder as the API source, so the same data gives
 * the same findings; one day file is in memory at a time. Permalinks use `--slack-domain`.
 */
import { reasonOf } from "../../errors.js";
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { textLength } from "../shared/items.js";
import { reportCursor, startFrom } from "../shared/query.js";
import {
  channelItems,
  inRange,
  messageItems,
  type SlackChannel,
  type SlackChunkContext,
  slackHost,
} from "../slack/chunks.js";
import type { SlackMessage } from "../slack/message.js";
import { type ExportReader, holdsExport, openExport } from "./reader.js";

/** What one read of an export covers. */
interface ExportQuery {
  /** The export as shown in errors. */
  path: string;
  since?: number;
  until?: number;
  channels: string[];
}

const META: Record<string, "name" | "id"> = {
  "channels.json": "name",
  "groups.json": "name",
  "mpims.json": "name",
  "dms.json": "id",
};

/** Folder name → conversation, from the metadata files (each optional). */
async function readConversations(rd: ExportReader, ctx: SourceContext, item: string) {
  const byFolder = new Map<string, SlackChannel>();
  for (const [file, key] of Object.entries(META)) {
    if (!rd.files.includes(file)) continue;
    try {
      const list = JSON.parse(await rd.read(file)) as SlackChannel[];
      if (!Array.isArray(list)) throw new Error("not a JSON array");
      for (const c of list) {
        if (key === "id" && !c.name && Array.isArray(c.members)) c.name = c.members.join(",");
        byFolder.set(String(c[key] ?? c.id), c);
      }
    } catch (err) {
      ctx.error(`${item}!${file}`, `not a readable export file: ${reasonOf(err)}`);
    }
  }
  return byFolder;
}

/** Day files per folder, sorted by date; days wholly outside [since, until] are skipped unread. */
function dayFiles(rd: ExportReader, q: ExportQuery): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of [...rd.files].sort()) {
    const m = /^([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/.exec(f);
    if (!m) continue;
    const day = Date.parse(`${m[2]}T00:00:00Z`) / 1000;
    if (q.since !== undefined && day + 86400 + 86400 < q.since) continue; // a day of slack for time zones
    if (q.until !== undefined && day - 86400 > q.until) continue;
    if (!out.has(m[1]!)) out.set(m[1]!, []);
    out.get(m[1]!)!.push(f);
  }
  return out;
}

/** The Slack export source. */
export function slackExportSource(
  target: Target<{ since?: number; until?: number; channels?: string[] }>,
  options: { slackDomain?: string },
  ctx: SourceContext,
): Source {
  return {
    async *items(signal) {
      const { query } = target;
      const q: ExportQuery = {
        path: target.spec,
        since: startFrom(ctx, query.since),
        until: query.until,
        channels: query.channels ?? [],
      };
      const domain = options.slackDomain;
      const cx: SlackChunkContext = { source: "slack-export" };
      if (domain) cx.host = slackHost(domain);
      else ctx.notice("no --slack-domain: permalinks point at slack.com, which asks for the workspace");
      let rd: ExportReader;
      try {
        rd = await openExport(target.path ?? target.spec);
      } catch (err) {
        ctx.error(q.path, `not a readable Slack export (folder or zip): ${reasonOf(err)}`);
        return;
      }
      if (!holdsExport(rd.files)) {
        rd.close();
        ctx.error(q.path, "not a Slack export: no channels.json, users.json or CHANNEL/YYYY-MM-DD.json");
        return;
      }
      try {
        const convs = await readConversations(rd, ctx, q.path);
        const days = dayFiles(rd, q);
        let latest = 0;
        for (const folder of new Set([...convs.keys(), ...days.keys()])) {
          if (signal?.aborted) return;
          const ch = convs.get(folder) ?? { id: folder, name: folder };
          if (q.channels.length && !q.channels.includes(ch.id) && !q.channels.includes(ch.name ?? ""))
            continue;
          yield* channelItems(ch, cx);
          for (const file of days.get(folder) ?? []) {
            for await (const item of dayItems(rd, file, ch, cx, q, ctx, `${q.path}!${file}`)) {
              latest = Math.max(latest, Number(item.provenance.ts ?? 0));
              yield item;
            }
          }
        }
        if (latest) reportCursor(ctx, new Date(latest * 1000).toISOString());
      } finally {
        rd.close();
      }
    },
  };
}

/** Items of one day file of one conversation. */
async function* dayItems(
  rd: ExportReader,
  file: string,
  ch: SlackChannel,
  cx: SlackChunkContext,
  q: ExportQuery,
  ctx: SourceContext,
  item: string,
): AsyncGenerator<Item> {
  let msgs: SlackMessage[];
  try {
    msgs = JSON.parse(await rd.read(file));
    if (!Array.isArray(msgs)) throw new Error("not a JSON array of messages");
  } catch (err) {
    ctx.error(item, `not a readable export file: ${reasonOf(err)}`);
    return;
  }
  for (const m of msgs) {
    if (!m || typeof m !== "object" || !inRange(m.ts, q.since, q.until)) continue;
    const items = messageItems(m, ch, cx);
    ctx.count({ items: 1, bytes: textLength(items) });
    yield* items;
  }
}
