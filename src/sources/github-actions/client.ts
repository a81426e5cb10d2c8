/**
 * Octokit as residue uses it: GITHUB_TOKEN, GITHUB_API_URL for GitHub Enterprise Server (and
 * tests), and the shared HTTP policy as its `fetch` (timeouts, retries that wait for a rate limit's
 * reset, the JSON check). Errors become reasons that name the status and the kind of problem.
 */
import { Octokit } from "@octokit/rest";
import { reasonOf } from "../../errors.js";
import { type FetchFn, type HttpPolicy, policyFetch, problemOf } from "../shared/http.js";
import { statusReason } from "../shared/http-problem.js";

/** The client, where it points, and the policy fetch for downloads. */
export interface GitHubApi {
  octokit: Octokit;
  /** API base URL without a trailing slash. */
  baseUrl: string;
  token: string;
  /** Downloads (log and artifact zips) under the HTTP policy. */
  get: FetchFn;
}

/** The GitHub API from the environment; undefined without GITHUB_TOKEN. */
export function gitHubApi(
  env: Record<string, string | undefined>,
  policy: HttpPolicy,
  signal?: AbortSignal,
): GitHubApi | undefined {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) return undefined;
  const baseUrl = (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, "");
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const octokit = new Octokit({
    auth: token,
    baseUrl,
    log: quiet,
    request: { fetch: policyFetch(policy, { json: true, signal }) },
  });
  return { octokit, baseUrl, token, get: policyFetch(policy, { signal }) };
}

/** A secret-free reason for a failed GitHub call, and whether every later call would fail too. */
export function gitHubReason(err: unknown): { reason: string; fatal: boolean } {
  const p = problemOf(err);
  if (p) return { reason: p.message, fatal: false };
  const status = (err as { status?: unknown })?.status;
  if (typeof status === "number" && status > 0) {
    if (status === 401)
      return { reason: "HTTP 401 from GitHub: the token in GITHUB_TOKEN was refused", fatal: true };
    return { reason: statusReason(status, "GitHub"), fatal: false };
  }
  return { reason: reasonOf(err), fatal: false };
}
