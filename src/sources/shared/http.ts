/**
 * The HTTP policy of every API source: a connect timeout (no answer head in time), an idle timeout
 * (no byte of the body in time), an overall per-request deadline, bounded retries with backoff and
 * jitter that honour Retry-After and rate-limit resets, JSON answers checked (an HTML page or a
 * truncated body is an error, never "0 items"), capped downloads, and a guard against a page token
 * that repeats. It is one `fetch` function: the official clients take it (@slack/web-api `fetch`,
 * axios' fetch adapter under jira.js, Octokit's and Gitbeaker's `fetch`), so one set of rules holds.
 */

import { requestKey, seconds, TryBudgets, type TryLimit } from "./http-budget.js";
import { HttpProblem, networkProblem, rateLimitWait, retryableStatus, statusReason } from "./http-problem.js";
import { checkedJson } from "./http-read.js";
import { follow, type Signals, sleep, untilAborted } from "./http-signals.js";

/** The bounds of one HTTP call (milliseconds, counts, bytes). */
export interface HttpPolicy {
  /** Connecting and waiting for the answer's head. */
  connectTimeout: number;
  /** Longest silence while a body streams. */
  idleTimeout: number;
  /** One request, first byte sent to last byte read. */
  deadline: number;
  /** Further tries after the first (timeouts, dropped connections, 429/5xx, rate limits). */
  retries: number;
  /** First backoff; doubles per try, with jitter. */
  backoff: number;
  /** Longest wait residue accepts from Retry-After or a rate-limit reset; a longer one is an error. */
  maxWait: number;
  /** Largest JSON answer read. */
  maxJson: number;
}

/**
 * The defaults: one request, all its tries and backoff included, ends within 2 × deadline (240 s);
 * a server that never answers is given up after (retries + 1) × connectTimeout plus backoff (about 80 s).
 */
export const HTTP_POLICY: HttpPolicy = {
  connectTimeout: 15_000,
  idleTimeout: 30_000,
  deadline: 120_000,
  retries: 4,
  backoff: 500,
  maxWait: 90_000,
  maxJson: 64 << 20,
};

const posNumber = (v: string | undefined) => (v && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);

/**
 * The policy with the environment's overrides: RESIDUE_HTTP_TIMEOUT (seconds, the per-request
 * deadline; the connect and idle timeouts shrink with it), RESIDUE_HTTP_RETRIES,
 * RESIDUE_HTTP_MAX_WAIT (seconds).
 */
export function httpPolicy(env: Record<string, string | undefined>): HttpPolicy {
  const p = { ...HTTP_POLICY };
  const t = posNumber(env.RESIDUE_HTTP_TIMEOUT);
  if (t !== undefined && t > 0) {
    p.deadline = t * 1000;
    p.connectTimeout = Math.min(p.connectTimeout, p.deadline);
    p.idleTimeout = Math.min(p.idleTimeout, p.deadline);
  }
  const r = posNumber(env.RESIDUE_HTTP_RETRIES);
  if (r !== undefined) p.retries = Math.floor(r);
  const w = posNumber(env.RESIDUE_HTTP_MAX_WAIT);
  if (w !== undefined) p.maxWait = w * 1000;
  return p;
}

/** A fetch function (the WHATWG signature the clients take). */
export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** How a policy fetch treats answers. */
export interface FetchMode {
  /** Tries after the first; default the policy's (0 for a client that retries itself). */
  retries?: number;
  /** API answers: an HTML page or broken JSON with status 2xx is an error. */
  json?: boolean;
  /** Aborts every call (the scan was stopped). */
  signal?: AbortSignal;
}

/** Backoff before try `attempt + 1`: exponential, capped, with jitter (half to all of it). */
export function backoffMs(policy: HttpPolicy, attempt: number): number {
  const full = Math.min(policy.maxWait, policy.backoff * 2 ** attempt);
  return full / 2 + (Math.random() * full) / 2;
}

/** What failed: our own timeout, the caller's abort as it came, or the network. */
function why(ctl: AbortController, err: unknown): unknown {
  const reason = ctl.signal.reason;
  return reason instanceof HttpProblem ? reason : ctl.signal.aborted ? err : networkProblem(err);
}

/** One try of a request with the connect timeout, the idle timeout on its body and its time limit. */
async function once(
  policy: HttpPolicy,
  input: string | URL | Request,
  init: RequestInit,
  signals: Signals,
  limit: TryLimit,
): Promise<Response> {
  const ctl = new AbortController();
  let headed = false;
  const fail = (kind: "connect-timeout" | "idle-timeout" | "deadline", ms: number, what: string) => () =>
    ctl.abort(new HttpProblem(kind, `${what} ${limit.over ?? `${seconds(ms)} s`}`));
  const connect = fail("connect-timeout", policy.connectTimeout, "no answer within");
  const late = fail("deadline", policy.deadline, "no complete answer within");
  // when the deadline comes before the answer's head, the server never answered: say so
  const deadline = setTimeout(() => (headed ? late() : connect()), limit.ms);
  let idle = setTimeout(connect, Math.min(policy.connectTimeout, limit.ms));
  const unlink = follow(ctl, signals);
  const done = () => {
    clearTimeout(deadline);
    clearTimeout(idle);
    unlink();
  };
  const signal = ctl.signal;
  let res: Response;
  try {
    res = await untilAborted(fetch(input, { ...init, signal }), signal);
  } catch (err) {
    done();
    throw why(ctl, err);
  }
  clearTimeout(idle);
  headed = true;
  if (!res.body) {
    done();
    return res;
  }
  const reader = res.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      idle = setTimeout(
        () =>
          ctl.abort(
            new HttpProblem("idle-timeout", `the answer stalled for ${seconds(policy.idleTimeout)} s`),
          ),
        policy.idleTimeout,
      );
      try {
        const r = await untilAborted(reader.read(), signal);
        if (r.done) {
          done();
          c.close();
        } else c.enqueue(r.value);
      } catch (err) {
        done();
        c.error(why(ctl, err));
        reader.cancel().catch(() => {});
      } finally {
        clearTimeout(idle);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
  const out = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  Object.defineProperty(out, "url", { value: res.url });
  return out;
}

/** Whether a request can be sent again as is (no streamed body). */
const replayable = (init: RequestInit) =>
  init.body === undefined ||
  init.body === null ||
  typeof init.body === "string" ||
  init.body instanceof URLSearchParams;

/** Throws a try's error unless another try may follow (after `wait` ms): final when the budget is spent. */
function throwUnlessRetried(err: unknown, budgets: TryBudgets, key: string, wait: number): void {
  if (err instanceof HttpProblem && err.retryable && budgets.mayRetry(key, wait)) return;
  budgets.end(key);
  throw err instanceof HttpProblem && err.retryable ? err.asFinal() : err;
}

/**
 * A fetch that applies the policy; `mode` says how answers are checked and who retries. The tries
 * of one request, with their backoff, end within 2 × the deadline (http-budget.ts).
 */
export function policyFetch(policy: HttpPolicy, mode: FetchMode = {}): FetchFn {
  const retries = mode.retries ?? policy.retries;
  const budgets = new TryBudgets(policy);
  return async (input, init = {}) => {
    const signals = [mode.signal, init.signal, input instanceof Request ? input.signal : undefined];
    const stopped = () => signals.some((s) => s?.aborted);
    const again = (attempt: number) => attempt < retries && replayable(init) && !stopped();
    const key = requestKey(input, init);
    for (let attempt = 0; ; attempt++) {
      const limit = budgets.begin(key);
      if (!limit) throw new HttpProblem("deadline", budgets.refused(key), 0, true);
      let res: Response;
      try {
        res = await once(policy, input, init, signals, limit);
        // an API answer is read here, under the same timeouts and retries as its head
        if (res.ok) {
          const out = mode.json ? await checkedJson(policy, res) : res;
          budgets.end(key);
          return out;
        }
      } catch (err) {
        if (err instanceof HttpProblem) budgets.failed(key, err.kind);
        const wait = backoffMs(policy, attempt);
        throwUnlessRetried(err, budgets, key, retries ? wait : 0);
        if (!again(attempt)) throw err; // with `retries: 0` the budget stays open for the client's own retry
        await sleep(wait, signals);
        continue;
      }
      budgets.end(key);
      const wait = rateLimitWait(res.status, res.headers);
      if (wait !== undefined && wait * 1000 > policy.maxWait) {
        await res.body?.cancel();
        throw new HttpProblem(
          "rate-limited",
          statusReason(res.status, new URL(res.url || "http://x").host, wait),
          res.status,
        );
      }
      if ((wait === undefined && !retryableStatus(res.status)) || !again(attempt)) return res;
      await res.body?.cancel();
      await sleep(wait !== undefined && wait > 0 ? wait * 1000 : backoffMs(policy, attempt), signals);
    }
  };
}

export { HttpProblem, problemOf } from "./http-problem.js";
export { readCapped } from "./http-read.js";
export { PageGuard } from "./page-guard.js";
