/** The shared HTTP policy's pieces: Retry-After and rate-limit resets, page-token guard, env overrides. */
import { afterEach, describe, expect, it } from "vitest";
import { HTTP_POLICY, httpPolicy, PageGuard, policyFetch } from "../src/sources/shared/http.js";
import { HttpProblem, rateLimitWait, retryAfterSeconds } from "../src/sources/shared/http-problem.js";
import { startServer } from "./helpers/http-server.mjs";
import { closeServers, hostileServer } from "./hostile/http-servers.js";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await closeServers();
});

const headers = (h: Record<string, string>) => new Headers(h);

describe("HTTP policy", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterSeconds("7")).toBe(7);
    expect(retryAfterSeconds(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30);
    expect(retryAfterSeconds("soon")).toBeUndefined();
    expect(retryAfterSeconds(undefined)).toBeUndefined();
  });

  it("waits for GitHub's and GitLab's rate-limit reset on a 403 or 429", () => {
    const now = 1_000_000_000_000;
    const gh = headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 20) });
    expect(rateLimitWait(403, gh, now)).toBe(21);
    const gl = headers({ "ratelimit-remaining": "0", "ratelimit-reset": String(now / 1000 + 5) });
    expect(rateLimitWait(429, gl, now)).toBe(6);
    // a 403 with quota left is a refusal, not a rate limit
    expect(rateLimitWait(403, headers({ "x-ratelimit-remaining": "12" }), now)).toBeUndefined();
  });

  it("ends a listing whose page token repeats", () => {
    const g = new PageGuard();
    expect(g.next("a")).toBe("a");
    expect(g.next(undefined)).toBeUndefined();
    expect(() => g.next("a")).toThrow(/same page token twice/);
  });

  it("takes its bounds from the environment", () => {
    const p = httpPolicy({
      RESIDUE_HTTP_TIMEOUT: "2",
      RESIDUE_HTTP_RETRIES: "0",
      RESIDUE_HTTP_MAX_WAIT: "5",
    });
    expect(p).toMatchObject({
      deadline: 2000,
      connectTimeout: 2000,
      idleTimeout: 2000,
      retries: 0,
      maxWait: 5000,
    });
    expect(httpPolicy({ RESIDUE_HTTP_TIMEOUT: "x" })).toEqual(HTTP_POLICY);
  });

  it("retries a 503 and honours a short Retry-After", async () => {
    let n = 0;
    const s = await startServer(() =>
      ++n === 1 ? { status: 503, headers: { "retry-after": "0" } } : { json: { ok: 1 } },
    );
    servers.push(s);
    const res = await policyFetch(HTTP_POLICY, { json: true })(`${s.url}/x`);
    expect(await res.json()).toEqual({ ok: 1 });
    expect(n).toBe(2);
  });

  it("gives up at once on a rate limit longer than it waits, naming the wait", async () => {
    const s = await startServer(() => ({ status: 429, headers: { "retry-after": "3600" } }));
    servers.push(s);
    const err = await policyFetch(HTTP_POLICY)(`${s.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpProblem);
    expect((err as HttpProblem).message).toMatch(/HTTP 429 .*rate limited for 3600 s/);
    expect(s.calls.get("/x")).toBe(1);
  });

  it.each([
    ["its own retries", { json: true }],
    ["a client's retries (retries: 0)", { json: true, retries: 0 }],
  ] as const)(
    "gives a trickling request two tries within 2 × deadline, through %s, however many retries are allowed",
    async (_n, mode) => {
      const s = await hostileServer(() => "trickle");
      const policy = {
        ...HTTP_POLICY,
        deadline: 300,
        connectTimeout: 300,
        idleTimeout: 300,
        retries: 9,
        backoff: 50,
      };
      const get = policyFetch(policy, mode);
      let err: unknown;
      // a client that retries by itself calls the same fetch again while the problem is retryable
      for (let call = 0; call < 10; call++) {
        err = await get(`${s.url}/x`, { method: "POST", body: "a=1" }).catch((e: unknown) => e);
        if (!(err instanceof HttpProblem) || !err.retryable) break;
      }
      expect(err).toBeInstanceOf(HttpProblem);
      expect((err as HttpProblem).message).toBe("no complete answer within 0.6 s over 2 tries");
      expect((err as HttpProblem).retryable).toBe(false);
      expect(s.calls.get("/x")).toBe(2);
    },
  );

  it("refuses a client's retry that comes after the budget, saying what the tries met", async () => {
    const s = await hostileServer(() => "hang");
    const policy = {
      ...HTTP_POLICY,
      deadline: 200,
      connectTimeout: 200,
      idleTimeout: 200,
      retries: 9,
      backoff: 50,
    };
    const get = policyFetch(policy, { json: true, retries: 0 });
    const first = await get(`${s.url}/x`).catch((e: unknown) => e);
    expect((first as HttpProblem).retryable).toBe(true);
    // the client waits longer than what is left of the 2 × deadline budget before asking again
    await new Promise((resolve) => setTimeout(resolve, 450));
    const late = await get(`${s.url}/x`).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(HttpProblem);
    expect((late as HttpProblem).message).toBe("no answer within 0.4 s over 1 try");
    expect((late as HttpProblem).retryable).toBe(false);
    expect(s.calls.get("/x")).toBe(1);
  });
});
