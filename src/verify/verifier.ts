/**
 * The verifier: one request per secret per run (an in-memory cache keyed by a keyed fingerprint,
 * never the value), at most `concurrency` requests in flight, each bounded by a timeout. Nothing
 * it returns holds a secret: details are scrubbed, errors become `unknown`.
 */

import { randomBytes } from "node:crypto";
import pLimit from "p-limit";
import { keyedHash } from "../fingerprint.js";
import { classify, describe, readsBody, scrub, type Verification } from "./classify.js";
import { buildRequest, targetUrl } from "./request.js";
import { requiredParts, type Spec, specUrls } from "./spec.js";

/** How the verifier reaches providers. */
export interface VerifierOptions {
  /** Provider → base URL replacing the spec's origin (--verify-base-url). */
  baseUrls?: Record<string, string>;
  /** Per-request timeout in ms (default 10000). */
  timeoutMs?: number;
  /** Requests in flight at most (default 4). */
  concurrency?: number;
  /** Key of the cache fingerprints (default: random, for this verifier only: the cache is never stored). */
  key?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  /** The environment, for parts a spec takes from `env:NAME` (ATLASSIAN_EMAIL, ...). */
  env?: Record<string, string | undefined>;
}

/** One secret to check: the spec, the value, and the companion parts the spec requires. */
export interface VerifyInput {
  spec: Spec;
  secret: string;
  parts?: Record<string, string>;
}

const BODY_LIMIT = 64 * 1024;

/** Checks secrets against their providers; see the module comment for the guarantees. */
export class Verifier {
  /** Requests actually sent (cache hits are not counted). */
  requests = 0;
  private readonly cache = new Map<string, Promise<Verification>>();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly cacheKey: string;

  constructor(private readonly o: VerifierOptions = {}) {
    this.limit = pLimit(Math.max(1, o.concurrency ?? 4));
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.fetch = o.fetch ?? globalThis.fetch;
    this.cacheKey = o.key ?? randomBytes(32).toString("hex");
    this.now = o.now ?? (() => new Date());
  }

  /** The verification of one secret; the same secret (and parts) is asked about once per run. */
  verify(input: VerifyInput): Promise<Verification> {
    const parts = input.parts ?? {};
    const names = Object.keys(parts).sort();
    const key = keyedHash(
      this.cacheKey,
      input.spec.provider,
      input.spec.method,
      ...specUrls(input.spec),
      input.secret,
      ...names.flatMap((n) => [n, parts[n]!]),
    );
    let p = this.cache.get(key);
    if (!p) {
      p = this.limit(() => this.check(input.spec, { ...parts, secret: input.secret }));
      this.cache.set(key, p);
    }
    return p;
  }

  private result(status: Verification["status"], detail: string, values: string[]): Verification {
    return { status, checkedAt: this.now().toISOString(), detail: scrub(detail, values) };
  }

  private async check(spec: Spec, values: Record<string, string>): Promise<Verification> {
    const secrets = Object.values(values);
    if (spec.only !== undefined && !new RegExp(spec.only).test(values.secret!))
      return this.result(
        "unknown",
        `${spec.provider}: not checked, the check applies to values matching /${spec.only}/`,
        secrets,
      );
    const missing = this.fillFromEnv(spec, values);
    if (missing.length) {
      const what = missing.map(([n, src]) => `${n} (${src.join(" or ")})`).join(", ");
      return this.result("unknown", `${spec.provider}: not checked, needs ${what}`, secrets);
    }
    // several URLs (regional hosts): "revoked" only when every one rejects the secret
    let last: Verification | undefined;
    const asked = new Set<string>();
    for (const url of specUrls(spec)) {
      // with a --verify-base-url override, regional hosts collapse to one URL: ask it once
      const target = this.safeTarget(url, values, spec);
      if (target && asked.has(target)) continue;
      if (target) asked.add(target);
      last = await this.ask(spec, url, values, secrets);
      if (last.status !== "revoked") return last;
    }
    return last!;
  }

  private safeTarget(url: string, values: Record<string, string>, spec: Spec): string | undefined {
    try {
      return targetUrl(url, values, this.o.baseUrls?.[spec.provider]).href;
    } catch {
      return undefined; // ask() reports the bad URL
    }
  }

  /** Fills parts the spec takes from the environment; returns those still missing. */
  private fillFromEnv(spec: Spec, values: Record<string, string>): [string, string[]][] {
    return requiredParts(spec).filter(([name, sources]) => {
      if (values[name]) return false;
      for (const src of sources) {
        const v = src.startsWith("env:") ? this.o.env?.[src.slice(4)] : undefined;
        if (v) {
          values[name] = v;
          return false;
        }
      }
      return true;
    });
  }

  /** One request and its reading. */
  private async ask(spec: Spec, url: string, values: Record<string, string>, secrets: string[]) {
    let where = `${spec.method} ${spec.provider}`;
    try {
      const req = await buildRequest(spec, url, values, this.o.baseUrls?.[spec.provider], this.now());
      where = `${req.method} ${req.url.host}${req.url.pathname}`;
      this.requests++;
      const res = await this.fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        redirect: "manual", // never replay credentials to another host
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = readsBody(spec) ? await readLimited(res) : "";
      if (!readsBody(spec)) await res.body?.cancel();
      const status = classify(spec, res.status, body);
      return this.result(status, describe(status, res.status, where), secrets);
    } catch (err) {
      return this.result("unknown", `${where}: ${failure(err, this.timeoutMs)}`, secrets);
    }
  }
}

/** A short reason for a failed request: timeout, or the network error code. */
function failure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `timed out after ${timeoutMs} ms`;
  const why = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return `network error: ${why}`;
}

/** Reads at most BODY_LIMIT bytes of a response body as text. */
async function readLimited(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < BODY_LIMIT) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  if (size >= BODY_LIMIT) await reader.cancel();
  return Buffer.concat(chunks).toString("utf8");
}
