/**
 * Jenkins' REST API as residue uses it: plain GETs of `…/api/json?tree=…` and of console text and
 * artifacts, through the shared HTTP policy (timeouts, retries, Retry-After, an HTML login page
 * taken for what it is), with HTTP Basic auth from JENKINS_USER + JENKINS_TOKEN (an API token),
 * or from the target URL's user-info. No client library: this is all of the API residue needs.
 */
import { reasonOf } from "../../errors.js";
import { type FetchFn, type HttpPolicy, HttpProblem, policyFetch, problemOf } from "../shared/http.js";
import { statusReason } from "../shared/http-problem.js";
import type { JenkinsUrl } from "./url.js";

/** The server, the auth headers and the two fetches. */
export interface JenkinsApi {
  base: string;
  headers: Record<string, string>;
  /** Downloads (console text, artifacts) under the HTTP policy. */
  get: FetchFn;
  /** A JSON answer of the API; an error status or an HTML page throws an HttpProblem. */
  json<T>(url: string): Promise<T>;
}

/** The API of a parsed target; a reason instead when the credentials are half given. */
export function jenkinsApi(
  url: JenkinsUrl,
  env: Record<string, string | undefined>,
  policy: HttpPolicy,
  signal?: AbortSignal,
): JenkinsApi | string {
  const user = env.JENKINS_USER || url.user;
  const token = env.JENKINS_TOKEN || url.password;
  if (Boolean(user) !== Boolean(token))
    return "set both JENKINS_USER and JENKINS_TOKEN (an API token from the user's Security page)";
  const headers: Record<string, string> = { accept: "application/json" };
  if (user && token) headers.authorization = `Basic ${Buffer.from(`${user}:${token}`).toString("base64")}`;
  const fetchJson = policyFetch(policy, { json: true, signal });
  return {
    base: url.base,
    headers,
    get: policyFetch(policy, { signal }),
    async json<T>(u: string): Promise<T> {
      const res = await fetchJson(u, { headers });
      if (!res.ok) {
        await res.body?.cancel();
        throw new HttpProblem("status", statusReason(res.status, "Jenkins"), res.status);
      }
      return (await res.json()) as T;
    },
  };
}

/** A secret-free reason for a failed Jenkins call, and whether every later call would fail too. */
export function jenkinsReason(err: unknown): { reason: string; fatal: boolean } {
  const p = problemOf(err);
  if (p?.status === 401)
    return {
      reason: "HTTP 401 from Jenkins: the user and API token (JENKINS_USER, JENKINS_TOKEN) were refused",
      fatal: true,
    };
  if (p?.status === 403)
    return {
      reason:
        "HTTP 403 from Jenkins: no permission (the user lacks Read on it, or no valid JENKINS_USER/JENKINS_TOKEN was given)",
      fatal: false,
    };
  if (p) return { reason: p.message, fatal: false };
  return { reason: reasonOf(err), fatal: false };
}
