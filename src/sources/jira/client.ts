/**
 * jira.js as residue uses it: Cloud (JIRA_EMAIL + JIRA_API_TOKEN, basic, API v3, enhanced JQL
 * search paged by nextPageToken) or Server/Data Center (JIRA_PAT, bearer, API v2, search paged by
 * startAt). jira.js does not retry; its axios instance runs on the fetch adapter with the shared
 * HTTP policy's fetch, which applies the timeouts, the deadline, the retries (Retry-After on 429,
 * backoff on 5xx, none on 4xx) and the JSON check (an HTML login page with 200 is an error).
 */
import { Version2Client, Version3Client } from "jira.js";
import { reasonOf } from "../../errors.js";
import { type FetchFn, type HttpPolicy, policyFetch, problemOf, readCapped } from "../shared/http.js";

/** The client and how it authenticates. */
export interface JiraApi {
  cloud: boolean;
  v2: Version2Client;
  v3?: Version3Client;
  /** Authorization header value, for attachment downloads. */
  auth: string;
  /** Downloads (attachments) under the HTTP policy. */
  get: FetchFn;
}

/** Builds the client from the environment; undefined when no credentials are set. */
export function jiraApi(
  site: string,
  env: Record<string, string | undefined>,
  policy: HttpPolicy,
  signal?: AbortSignal,
): JiraApi | undefined {
  const { JIRA_EMAIL: email, JIRA_API_TOKEN: apiToken, JIRA_PAT: pat } = env;
  const baseRequestConfig = {
    adapter: "fetch",
    env: { fetch: policyFetch(policy, { json: true, signal }) },
    maxContentLength: policy.maxJson,
  };
  const get = policyFetch(policy, { signal });
  if (email && apiToken) {
    const authentication = { basic: { email, apiToken } };
    return {
      cloud: true,
      v3: new Version3Client({ host: site, authentication, baseRequestConfig }),
      v2: new Version2Client({ host: site, authentication, baseRequestConfig }),
      auth: `Basic ${Buffer.from(`${email}:${apiToken}`).toString("base64")}`,
      get,
    };
  }
  if (pat) {
    const authentication = { oauth2: { accessToken: pat } };
    return {
      cloud: false,
      v2: new Version2Client({ host: site, authentication, baseRequestConfig }),
      auth: `Bearer ${pat}`,
      get,
    };
  }
  return undefined;
}

/** A failed Jira call: HTTP status (0 for network errors) and a secret-free reason. */
export class JiraCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
  /** Bad or missing permission for the whole site: stop after one error item. */
  get fatal(): boolean {
    return this.status === 401;
  }
}

interface HttpLike {
  status?: number;
  code?: string;
  cause?: { code?: string };
}

/** A reason that names the status and the kind of problem, never the response body (it may echo a secret). */
function toCallError(err: unknown): JiraCallError {
  const p = problemOf(err);
  if (p) return new JiraCallError(p.status, p.message);
  const e = err as HttpLike;
  const status = typeof e?.status === "number" ? e.status : 0;
  if (status === 401)
    return new JiraCallError(
      401,
      "HTTP 401: Jira refused the credentials in JIRA_EMAIL/JIRA_API_TOKEN or JIRA_PAT",
    );
  if (status === 403) return new JiraCallError(403, "HTTP 403: no permission");
  if (status === 400)
    return new JiraCallError(
      400,
      "HTTP 400 from Jira: bad request (for a search, a JQL query Jira cannot run)",
    );
  if (status) return new JiraCallError(status, `HTTP ${status} from Jira`);
  return new JiraCallError(0, `request failed: ${e?.code ?? e?.cause?.code ?? reasonOf(err)}`);
}

/** Runs a call (the policy's fetch already retried it); throws JiraCallError when it failed. */
export async function jiraCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toCallError(err);
  }
}

/** Downloads an attachment with the credentials, reading at most `cap` bytes. */
export async function fetchAttachment(api: JiraApi, url: string, cap: number): Promise<Uint8Array> {
  return jiraCall(async () => {
    const res = await api.get(url, { headers: { authorization: api.auth } });
    if (!res.ok || !res.body) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
    return readCapped(res.body, cap);
  });
}
