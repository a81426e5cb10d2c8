// A fake Slack Web API fed API-shaped data, for tests and the bench: the real @slack/web-api
// client is pointed at it through SLACK_API_URL. Faults are injected with `fault`.
import { startServer } from "./http-server.mjs";

const isTop = (m) => !m.thread_ts || m.thread_ts === m.ts || m.subtype === "thread_broadcast";

function page(items, params, key) {
  const limit = Math.max(1, Math.min(Number(params.get("limit") || 100), 1000));
  const from = Number(params.get("cursor") || 0);
  const slice = items.slice(from, from + limit);
  const next = from + limit < items.length ? String(from + limit) : "";
  return { ok: true, [key]: slice, has_more: !!next, response_metadata: { next_cursor: next } };
}

function inWindow(m, params) {
  const t = Number(m.ts);
  const oldest = params.get("oldest");
  const latest = params.get("latest");
  return (!oldest || t >= Number(oldest)) && (!latest || t <= Number(latest));
}

const SCOPE_PREFIX = { public_channel: "channels", private_channel: "groups", mpim: "mpim", im: "im" };

/** A missing_scope refusal when `scopes` is given and lacks what the call needs (else undefined). */
function scopeRefusal(data, method, params, scopes) {
  if (!scopes) return undefined;
  const need = (type, what) => `${SCOPE_PREFIX[type]}:${what}`;
  let needed = [];
  if (method === "conversations.list")
    needed = (params.get("types") || "public_channel").split(",").map((t) => need(t, "read"));
  else if (method === "conversations.history" || method === "conversations.replies") {
    const c = data.channels.find((x) => x.id === params.get("channel"));
    if (c) needed = [need(c.type ?? "public_channel", "history")];
  }
  const missing = needed.filter((n) => !scopes.includes(n));
  return missing.length ? { ok: false, error: "missing_scope", needed: missing.join(",") } : undefined;
}

function api(data, method, params) {
  const channel = (id) => data.channels.find((c) => c.id === id);
  switch (method) {
    case "auth.test":
      return { ok: true, url: `https://${data.domain}/`, team: "Fake", team_id: "T0FAKE", user_id: "U0BOT" };
    case "conversations.list": {
      const types = (params.get("types") || "public_channel").split(",");
      return page(
        data.channels.filter((c) => types.includes(c.type ?? "public_channel")),
        params,
        "channels",
      );
    }
    case "conversations.info": {
      const c = channel(params.get("channel"));
      return c ? { ok: true, channel: c } : { ok: false, error: "channel_not_found" };
    }
    case "conversations.history": {
      const msgs = channel(params.get("channel")) && data.messages(params.get("channel"));
      if (!msgs) return { ok: false, error: "channel_not_found" };
      const top = msgs.filter((m) => isTop(m) && inWindow(m, params)).reverse();
      return page(top, params, "messages");
    }
    case "conversations.replies": {
      const msgs = data.messages(params.get("channel"));
      if (!msgs) return { ok: false, error: "channel_not_found" };
      const ts = params.get("ts");
      const parent = msgs.find((m) => m.ts === ts);
      const replies = msgs.filter((m) => m.thread_ts === ts && m.ts !== ts && inWindow(m, params));
      if (!parent) return { ok: false, error: "thread_not_found" };
      return page([parent, ...replies], params, "messages");
    }
    default:
      return { ok: false, error: "unknown_method" };
  }
}

/**
 * Starts the fake. data: {domain, channels, messages(id) → chronological messages or undefined,
 * files?: {id: text}}; opts: {token, httpAuthError?: boolean, fault?({method, params, n})}.
 */
export async function startFakeSlack(data, opts = {}) {
  const counts = new Map();
  const server = await startServer(({ url, headers, body }) => {
    const authorized = headers.authorization === `Bearer ${opts.token}`;
    const file = /^\/files\/([^/]+)/.exec(url.pathname);
    if (file) {
      if (!authorized) return { status: 403, text: "forbidden" };
      const text = data.files?.[file[1]];
      return text === undefined ? { status: 404 } : { text };
    }
    const m = /^\/api\/([a-z.]+)$/i.exec(url.pathname);
    if (!m) return { status: 404 };
    const method = m[1];
    const params = new URLSearchParams(body);
    const n = (counts.get(method) ?? 0) + 1;
    counts.set(method, n);
    const injected = opts.fault?.({ method, params, n });
    if (injected) return injected;
    if (!authorized)
      return opts.httpAuthError
        ? { status: 401, text: "unauthorized" }
        : { json: { ok: false, error: "invalid_auth" } };
    // Slack names the token's scopes in a header on every answer; `hideScopes` plays a proxy that drops it
    const scopeHeader = opts.scopes && !opts.hideScopes ? { "x-oauth-scopes": opts.scopes.join(",") } : {};
    return {
      headers: scopeHeader,
      json: scopeRefusal(data, method, params, opts.scopes) ?? api(data, method, params),
    };
  });
  return { ...server, apiUrl: `${server.url}/api/`, counts };
}
