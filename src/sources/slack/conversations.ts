/**
 * Which conversations `slack:` reads. By default every type the token's scopes allow (public and
 * private channels, group DMs, DMs), so the API finds what an export of the same workspace finds
 * (issue 16); a type the token cannot read for lack of a scope is named with the scopes it needs.
 * Scopes come from the `x-oauth-scopes` header (the client puts it in `response_metadata.scopes`);
 * where none is reported (a proxy), each type is listed on its own and a `missing_scope` answer
 * says the same.
 */
import type { WebClient } from "@slack/web-api";
import type { SourceContext } from "../../types.js";
import { PageGuard } from "../shared/http.js";
import type { SlackChannel } from "./chunks.js";

/** The conversation types, each with the scopes that list it and read its history. */
export const TYPE_SCOPES = {
  public_channel: ["channels:read", "channels:history"],
  private_channel: ["groups:read", "groups:history"],
  mpim: ["mpim:read", "mpim:history"],
  im: ["im:read", "im:history"],
} as const;

/** A conversation type. */
export type ConversationType = keyof typeof TYPE_SCOPES;

/** Every type: the default of `slack:`. */
export const ALL_TYPES = Object.keys(TYPE_SCOPES) as ConversationType[];

/** A type not read, and the scopes the token would need for it. */
export interface LackingType {
  type: string;
  needs: string[];
}

/** The scopes a type needs that `granted` lacks; none when the token's scopes are not known. */
export function missingScopes(type: ConversationType, granted: readonly string[] | undefined): string[] {
  if (!granted?.length) return [];
  return TYPE_SCOPES[type].filter((s) => !granted.includes(s));
}

/** The conversations of one type, every page. */
async function listType(client: WebClient, type: string): Promise<SlackChannel[]> {
  const out: SlackChannel[] = [];
  const guard = new PageGuard();
  let cursor: string | undefined;
  do {
    const res = await client.conversations.list({
      types: type,
      exclude_archived: false,
      limit: 1000,
      cursor,
    });
    for (const c of (res.channels ?? []) as SlackChannel[]) out.push(c);
    cursor = guard.next(res.response_metadata?.next_cursor || undefined);
  } while (cursor);
  return out;
}

/** The `needed` scope of a `missing_scope` refusal, or undefined for any other error. */
export function neededScope(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string; needed?: string } };
  if (e?.code !== "slack_webapi_platform_error" || e.data?.error !== "missing_scope") return undefined;
  return e.data.needed ?? "a scope Slack did not name";
}

/**
 * The conversations of the given types that the token may read, each tagged with its type, and
 * the types it may not read. Any error other than a missing scope is thrown.
 */
export async function listConversations(
  client: WebClient,
  types: readonly ConversationType[],
  granted: readonly string[] | undefined,
): Promise<{ channels: (SlackChannel & { listedAs: ConversationType })[]; lacking: LackingType[] }> {
  const channels: (SlackChannel & { listedAs: ConversationType })[] = [];
  const lacking: LackingType[] = [];
  for (const type of types) {
    const needs = missingScopes(type, granted);
    if (needs.length) {
      lacking.push({ type, needs });
      continue;
    }
    try {
      // a server that ignores `types` lists a conversation under each: it is read once
      for (const c of await listType(client, type))
        if (!channels.some((x) => x.id === c.id)) channels.push({ ...c, listedAs: type });
    } catch (err) {
      const needed = neededScope(err);
      if (!needed) throw err;
      lacking.push({ type, needs: needed.split(",") });
    }
  }
  return { channels, lacking };
}

/**
 * Reports the types not read for lack of a scope: an error when `types=` asked for them (the scan
 * is partial: true is returned), a note when they were only the default (the token was never
 * meant to read them). One report per type, whatever failed for it.
 */
export function reportLacking(
  ctx: Pick<SourceContext, "error" | "notice">,
  id: string,
  lacking: readonly LackingType[],
  typesGiven: boolean,
): boolean {
  if (!lacking.length) return false;
  const byType = new Map<string, Set<string>>();
  for (const l of lacking)
    for (const n of l.needs) byType.set(l.type, (byType.get(l.type) ?? new Set()).add(n));
  const list = [...byType].map(([type, needs]) => `${type} (needs ${[...needs].join(", ")})`).join(", ");
  const what = `conversation types not read for lack of a scope: ${list}`;
  if (typesGiven) ctx.error(id, what);
  else ctx.notice(`${what}; add the scopes to the token to read them too`);
  return typesGiven;
}
