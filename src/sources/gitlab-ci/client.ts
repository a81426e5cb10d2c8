/**
 * Gitbeaker as residue uses it: GITLAB_TOKEN, GITLAB_URL for a self-managed instance (and tests),
 * and a requester of our own (Gitbeaker's `requesterFn` extension point) that sends every call
 * through the shared HTTP policy instead of Gitbeaker's bare fetch: timeouts, bounded retries that
 * honour Retry-After and RateLimit-Reset, the JSON check, and errors that never carry a body.
 */
import { createRequesterFn } from "@gitbeaker/requester-utils";
import { Gitlab } from "@gitbeaker/rest";
import { reasonOf } from "../../errors.js";
import { type FetchFn, type HttpPolicy, HttpProblem, policyFetch, problemOf } from "../shared/http.js";
import { statusReason } from "../shared/http-problem.js";

/** The client, where it points, and the policy fetch for downloads. */
export interface GitLabApi {
  api: InstanceType<typeof Gitlab<false>>;
  /** Instance URL without a trailing slash (`https://gitlab.com`). */
  host: string;
  token: string;
  get: FetchFn;
}

interface RequestOptions {
  prefixUrl?: string;
  searchParams?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** A Gitbeaker requester that calls through `get`; a failed call throws an HttpProblem with its status. */
function policyRequester(get: FetchFn) {
  return createRequesterFn(
    (_service, options) => Promise.resolve(options),
    async (endpoint: string, given?: Record<string, unknown>) => {
      const o = (given ?? {}) as RequestOptions;
      const base = o.prefixUrl?.endsWith("/") ? o.prefixUrl : `${o.prefixUrl ?? ""}/`;
      const url = new URL(endpoint, base);
      url.search = o.searchParams ?? "";
      const res = await get(url.href, {
        method: o.method,
        headers: o.headers,
        body: o.body,
        signal: o.signal,
      });
      if (!res.ok) {
        await res.body?.cancel();
        throw new HttpProblem("status", statusReason(res.status, "GitLab"), res.status);
      }
      const type = res.headers.get("content-type") ?? "";
      const body = res.status === 204 ? null : type.includes("json") ? await res.json() : await res.text();
      return {
        body: body as never,
        headers: Object.fromEntries(res.headers.entries()),
        status: res.status,
      };
    },
  );
}

/** The GitLab API from the environment; undefined without GITLAB_TOKEN. */
export function gitLabApi(
  env: Record<string, string | undefined>,
  policy: HttpPolicy,
  signal?: AbortSignal,
): GitLabApi | undefined {
  const token = env.GITLAB_TOKEN;
  if (!token) return undefined;
  const host = (env.GITLAB_URL || "https://gitlab.com").replace(/\/+$/, "");
  const requesterFn = policyRequester(policyFetch(policy, { json: true, signal }));
  const api = new Gitlab({ host, token, requesterFn } as ConstructorParameters<typeof Gitlab>[0]);
  return { api: api as GitLabApi["api"], host, token, get: policyFetch(policy, { signal }) };
}

/** A secret-free reason for a failed GitLab call, and whether every later call would fail too. */
export function gitLabReason(err: unknown): { reason: string; fatal: boolean } {
  const p = problemOf(err);
  if (p?.status === 401)
    return { reason: "HTTP 401 from GitLab: the token in GITLAB_TOKEN was refused", fatal: true };
  if (p) return { reason: p.message, fatal: false };
  return { reason: reasonOf(err), fatal: false };
}
