/**
 * The Slack Web API client as residue uses it: @slack/web-api with the shared HTTP policy (its
 * `fetch` applies the connect and idle timeouts, the deadline and the JSON check; its own
 * `timeout` and `retryConfig` are set from the policy): rate limits obeyed (Retry-After on 429,
 * the client's queue paused meanwhile, a wait longer than the policy allows is an error), a short
 * retry on 5xx and network errors, and no retry at all on 4xx (a bad token is one clear error).
 */
import { type RetryOptions, type WebAPICallResult, WebClient } from "@slack/web-api";
import { isContainer } from "../../content/kind.js";
import { reasonOf } from "../../errors.js";
import {
  type FetchFn,
  HTTP_POLICY,
  type HttpPolicy,
  policyFetch,
  problemOf,
  readCapped,
} from "../shared/http.js";
import { TierLimiter } from "./tiers.js";

/** Silent logger: the client's own warnings would go to the console; errors become error items. */
const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => "error" as never,
  setName() {},
};

/** A WebClient that paces each method by its rate tier before calling it. */
class PacedClient extends WebClient {
  limiter?: TierLimiter;
  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    await this.limiter?.take(method);
    return super.apiCall(method, options);
  }
}

/**
 * A WebClient pointed at `apiUrl` (SLACK_API_URL) or Slack, with residue's retry policy. Calls
 * to Slack itself are paced by tier; a proxy or test server named by SLACK_API_URL is not (its
 * 429s are still obeyed).
 */
export function slackClient(
  token: string,
  apiUrl?: string,
  opts: { retries?: number; limiter?: TierLimiter; policy?: HttpPolicy; signal?: AbortSignal } = {},
): WebClient {
  const policy = opts.policy ?? HTTP_POLICY;
  const retryConfig = {
    retries: opts.retries ?? policy.retries,
    factor: 2,
    minTimeout: policy.backoff,
    maxTimeout: policy.maxWait,
    randomize: true,
    onFailedAttempt(err: { statusCode?: number; code?: string }) {
      // 4xx other than 429 will not get better by asking again, nor an HTML page or a rate limit too long
      const s = err.statusCode;
      if (s !== undefined && s >= 400 && s < 500 && s !== 429) throw err;
      const p = problemOf(err);
      if (p && !p.retryable) throw err;
    },
  } as RetryOptions;
  const slackApiUrl = apiUrl ? (apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`) : undefined;
  const client = new PacedClient(token, {
    slackApiUrl,
    retryConfig,
    rejectRateLimitedCalls: false,
    maxRequestConcurrency: 8,
    // the policy's own deadline fires first and names itself; this is the client's backstop
    timeout: policy.deadline + 1000,
    fetch: policyFetch(policy, { retries: 0, json: true, signal: opts.signal }),
    logger: quiet,
  });
  client.limiter = opts.limiter ?? (apiUrl ? undefined : new TierLimiter());
  return client;
}

/** Errors that mean the token is unusable: stop the whole source after one error item. */
const FATAL = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "account_inactive",
  "missing_scope",
]);

/** What Slack's documented error codes look like (`invalid_auth`, `ratelimited`: no digits, unlike secrets). */
const SLACK_CODE = /^[a-z]{2,20}(?:_[a-z]{1,20}){0,5}$/;

/** What the error codes a user can act on mean. */
const HINTS = new Map([
  ["invalid_auth", "the token in SLACK_TOKEN is not valid"],
  ["not_authed", "no token was sent; set SLACK_TOKEN"],
  ["token_revoked", "the token in SLACK_TOKEN was revoked"],
  ["channel_not_found", "the channel does not exist any more or the token cannot see it"],
  ["not_in_channel", "the bot is not a member of this channel"],
  ["missing_scope", "the token lacks a scope"],
]);

/** A short, secret-free reason for a Slack client error, and whether the source must stop. */
export function slackReason(err: unknown): { reason: string; fatal: boolean } {
  const e = err as {
    code?: string;
    data?: { error?: string; needed?: string };
    statusCode?: number;
    original?: Error;
    message?: string;
  };
  const p = problemOf(err);
  if (p) return { reason: p.message, fatal: false };
  // a body that is not a Slack answer (an HTML page, a proxy's text) comes back as `error`: never echo it
  if (e?.code === "slack_webapi_platform_error" && e.data?.error && !SLACK_CODE.test(e.data.error))
    return { reason: "HTTP 200 with a body that is not a Slack API answer (not shown)", fatal: false };
  if (e?.code === "slack_webapi_platform_error" && e.data?.error) {
    const code = e.data.error;
    const needs = code === "missing_scope" && e.data.needed ? ` (needs ${e.data.needed})` : "";
    return {
      reason: `${code}: ${HINTS.get(code) ?? "Slack refused the call"}${needs}`,
      fatal: FATAL.has(code) && code !== "missing_scope",
    };
  }
  if (e?.code === "slack_webapi_http_error") {
    const s = e.statusCode ?? 0;
    const auth = s === 401 || s === 403;
    return {
      reason: auth ? `HTTP ${s}: the token in SLACK_TOKEN was refused` : `HTTP ${s} from the Slack API`,
      fatal: auth,
    };
  }
  if (e?.code === "slack_webapi_request_error") {
    const o = e.original as (Error & { code?: string }) | undefined;
    return { reason: `request failed: ${o?.code ?? (o ? reasonOf(o) : "network error")}`, fatal: false };
  }
  return { reason: reasonOf(err), fatal: false };
}

/** True when a file's URL may receive the token: a Slack host, or the configured API host. */
export function mayFetch(url: string, apiUrl?: string): boolean {
  try {
    const u = new URL(url);
    if (apiUrl && u.host === new URL(apiUrl).host) return true;
    return u.protocol === "https:" && (u.hostname === "slack.com" || u.hostname.endsWith(".slack.com"));
  } catch {
    return false;
  }
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-yaml|yaml|javascript|x-sh|x-httpd-php|sql|toml))/;

/** True for a file worth fetching: a snippet, a text file, an archive or a HAR, within the size cap. */
export function isFetchable(
  f: { mimetype?: string; mode?: string; size?: number; name?: string },
  cap: number,
): boolean {
  if (typeof f.size === "number" && f.size > cap) return false;
  // a file hidden by the plan's limit or deleted has no content to fetch
  if (f.mode === "hidden_by_limit" || f.mode === "tombstone") return false;
  return f.mode === "snippet" || TEXT_TYPES.test(f.mimetype ?? "") || isContainer(f.name, f.mimetype);
}

/** Fetches a file through `url_private` with the token, reading at most `cap` bytes. */
export async function fetchFileBytes(
  get: FetchFn,
  url: string,
  token: string,
  cap: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const res = await get(url, { headers: { authorization: `Bearer ${token}` }, redirect: "error", signal });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  return readCapped(res.body, cap);
}
