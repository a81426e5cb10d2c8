/**
 * What went wrong with an HTTP call, as a kind a person can act on: the reason names the status
 * and the kind of problem, never a response body (an API may echo a secret, an HTML login page is
 * noise). Also when to ask again: Retry-After, GitHub's and GitLab's rate-limit reset headers.
 */

/** The kinds of HTTP problems the policy tells apart. */
export type HttpProblemKind =
  | "connect-timeout"
  | "idle-timeout"
  | "deadline"
  | "too-large"
  | "not-json"
  | "bad-json"
  | "cursor-loop"
  | "rate-limited"
  | "status"
  | "network";

/** A failed call: a kind, the HTTP status when there was one, and a secret-free reason. */
export class HttpProblem extends Error {
  constructor(
    readonly kind: HttpProblemKind,
    message: string,
    readonly status = 0,
    /** The request's tries are spent (http-budget.ts): no client may ask again. */
    readonly final = false,
  ) {
    super(message);
    this.name = "HttpProblem";
  }
  /** Whether asking again may help (a timeout, a dropped connection, a rate limit). */
  get retryable(): boolean {
    return (
      !this.final &&
      (this.kind === "connect-timeout" ||
        this.kind === "idle-timeout" ||
        this.kind === "deadline" ||
        this.kind === "network")
    );
  }

  /** The same problem, final: the request's budget of tries is spent. */
  asFinal(): HttpProblem {
    return new HttpProblem(this.kind, this.message, this.status, true);
  }
}

interface HeaderBag {
  get(name: string): string | null;
}

/** Seconds from a Retry-After value (seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  const secs = Number.isFinite(n) ? n : (Date.parse(value) - now) / 1000;
  return Number.isFinite(secs) ? Math.max(secs, 0) : undefined;
}

/** Seconds until a rate-limit reset header (epoch seconds: GitHub's x-ratelimit-reset, GitLab's RateLimit-Reset). */
function resetSeconds(h: HeaderBag, now: number): number | undefined {
  const remaining = h.get("x-ratelimit-remaining") ?? h.get("ratelimit-remaining");
  const reset = h.get("x-ratelimit-reset") ?? h.get("ratelimit-reset");
  if (remaining !== "0" || !reset || !/^\d+$/.test(reset)) return undefined;
  return Math.max(Number(reset) - now / 1000, 0) + 1;
}

/**
 * How long the server asks us to wait before the same call, in seconds, when the answer is a rate
 * limit (429, or 403 with an exhausted quota); undefined when it is not one.
 */
export function rateLimitWait(status: number, h: HeaderBag, now = Date.now()): number | undefined {
  if (status !== 429 && status !== 403 && status !== 503) return undefined;
  const after = retryAfterSeconds(h.get("retry-after"), now);
  if (after !== undefined) return after;
  const reset = resetSeconds(h, now);
  if (reset !== undefined) return reset;
  return status === 429 ? 0 : undefined;
}

/** True for a status worth asking again about (server trouble, a proxy in the way). */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 502 || status === 503 || status === 504;
}

/** A reason for an HTTP status from a system, e.g. "HTTP 404 from GitHub: not found (or no access)". */
export function statusReason(status: number, system: string, wait?: number): string {
  const what: Record<number, string> = {
    401: "the credentials were refused",
    403: "no permission",
    404: "not found (or no access)",
    410: "gone (expired or deleted)",
    429: "rate limited",
  };
  if (wait !== undefined)
    return `HTTP ${status} from ${system}: rate limited for ${Math.ceil(wait)} s, longer than residue waits`;
  return `HTTP ${status} from ${system}${what[status] ? `: ${what[status]}` : ""}`;
}

/** The network-level code of an error (ECONNREFUSED, UND_ERR_SOCKET), looking through causes. */
function netCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === "string" && /^[A-Z][A-Z_]+$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** The HttpProblem inside an error a client wrapped (Slack's `original`, axios' `cause`), if any. */
export function problemOf(err: unknown): HttpProblem | undefined {
  for (let e = err as { cause?: unknown; original?: unknown } | undefined, i = 0; e && i < 6; i++) {
    if (e instanceof HttpProblem) return e;
    e = (e.original ?? e.cause) as typeof e;
  }
  return undefined;
}

/** A network failure as a problem: the error's code only (its message may hold a URL with credentials). */
export function networkProblem(err: unknown): HttpProblem {
  return problemOf(err) ?? new HttpProblem("network", `request failed: ${netCode(err) ?? "network error"}`);
}
