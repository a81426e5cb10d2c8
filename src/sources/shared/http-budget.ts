/**
 * One request's tries share a time budget of two deadlines, from the first try's first byte to
 * the last try's last, backoff included: a server that trickles bytes gets the first try and one
 * retry (not `retries + 1` deadlines: 5 × 120 s held one Slack call for 10 minutes). A client
 * that retries by itself (@slack/web-api) sends the same request again through the same fetch,
 * so tries are told apart by request (method, URL, body), not by call.
 */
import type { HttpPolicy } from "./http.js";
import type { HttpProblemKind } from "./http-problem.js";

/** Tries of one request: how many there were, when the first began, how the last one failed. */
interface Tries {
  since: number;
  tries: number;
  last?: HttpProblemKind;
}

/** What one try may take. */
export interface TryLimit {
  /** Milliseconds this try may take (the deadline, or what is left of the budget). */
  ms: number;
  /** Set when the budget, not the deadline, cut this try: the budget and the tries so far. */
  over?: string;
}

/** The identity of a request across tries: method, URL and (replayable) body. */
export function requestKey(input: string | URL | Request, init: RequestInit): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const b = init.body;
  const body = typeof b === "string" ? b : b instanceof URLSearchParams ? b.toString() : "";
  return `${init.method ?? (input instanceof Request ? input.method : "GET")} ${url}\n${body}`;
}

/** The budgets of the requests of one fetch function that failed and may be tried again. */
export class TryBudgets {
  private open = new Map<string, Tries>();
  /** Two deadlines for all tries of a request. */
  readonly total: number;
  constructor(private readonly policy: HttpPolicy) {
    this.total = 2 * policy.deadline;
  }

  /** Starts a try of the request; undefined when its budget is spent (it must not be sent). */
  begin(key: string, now = Date.now()): TryLimit | undefined {
    // a request its client gave up on is forgotten once no retry of it can come (waits ≤ maxWait)
    for (const [k, t] of this.open) if (now - t.since > this.total + this.policy.maxWait) this.open.delete(k);
    const t = this.open.get(key) ?? { since: now, tries: 0 };
    this.open.set(key, t);
    const left = t.since + this.total - now;
    if (left <= 0) return undefined;
    t.tries++;
    if (left >= this.policy.deadline) return { ms: this.policy.deadline };
    return { ms: left, over: `${seconds(this.total)} s over ${t.tries} tries` };
  }

  /** Whether a failed try may be followed by another after `wait` ms. */
  mayRetry(key: string, wait: number, now = Date.now()): boolean {
    const t = this.open.get(key);
    return t !== undefined && t.since + this.total - now > wait;
  }

  /** Notes how a try failed, for the reason given if no other try may be sent. */
  failed(key: string, kind: HttpProblemKind): void {
    const t = this.open.get(key);
    if (t) t.last = kind;
  }

  /**
   * Why a try was not sent (its budget was spent, waiting for a client's retry): what the tries
   * before it met, over the whole budget. Ends the request.
   */
  refused(key: string): string {
    const t = this.open.get(key);
    this.end(key);
    const n = t?.tries ?? 0;
    const what = t?.last === "connect-timeout" ? "no answer within" : "no complete answer within";
    return `${what} ${seconds(this.total)} s over ${n} ${n === 1 ? "try" : "tries"}`;
  }

  /** The request was answered, or failed for good: a later call of it is a new request. */
  end(key: string): void {
    this.open.delete(key);
  }
}

/** Milliseconds as seconds with one decimal at most. */
export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
