/**
 * jira.js as residue uses it: Cloud (JIRA_EMAIL + JIRA_API_TOKEN, basic, API v3, enhanced JQL
 * search paged by nextPageToken) or Server/Data Center (JIRA_PAT, bearer, API v2, search paged by
 * startAt). jira.js does not retry, so every call goes through `retrying`: Retry-After on 429,
 * backoff on 5xx, and none on 4xx (a refused credential is one error, not a storm).
 */
import { Version2Client, Version3Client } from "jira.js";
import { reasonOf } from "../../errors.js";
import { readCapped } from "../shared/http-text.js";

/** The client and how it authenticates. */
export interface JiraApi {
  cloud: boolean;
  v2: Version2Client;
  v3?: Version3Client;
  /** Authorization header value, for attachment downloads. */
  auth: string;
}

/** Builds the client from the environment; undefined when no credentials are set. */
export function jiraApi(site: string, env: Record<string, string | undefined>): JiraApi | undefined {
  const { JIRA_EMAIL: email, JIRA_API_TOKEN: apiToken, JIRA_PAT: pat } = env;
  if (email && apiToken) {
    const authentication = { basic: { email, apiToken } };
    return {
      cloud: true,
      v3: new Version3Client({ host: site, authentication }),
      v2: new Version2Client({ host: site, authentication }),
      auth: `Basic ${Buffer.from(`${email}:${apiToken}`).toString("base64")}`,
    };
  }
  if (pat) {
    return {
      cloud: false,
      v2: new Version2Client({ host: site, authentication: { oauth2: { accessToken: pat } } }),
      auth: `Bearer ${pat}`,
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
  cause?: { code?: string; response?: { headers?: Record<string, unknown> } };
}

/** A reason that names the status and the kind of problem, never the response body (it may echo a secret). */
function toCallError(err: unknown): JiraCallError {
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

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/** Seconds to wait from a Retry-After header (seconds or an HTTP date), capped at a minute. */
function retryAfter(err: unknown): number | undefined {
  const h = (err as HttpLike)?.cause?.response?.headers?.["retry-after"];
  if (h === undefined || h === null) return undefined;
  const s = Number(h);
  const secs = Number.isFinite(s) ? s : (Date.parse(String(h)) - Date.now()) / 1000;
  return Number.isFinite(secs) ? Math.min(Math.max(secs, 0), 60) : undefined;
}

/** Runs a call with residue's retry policy; throws JiraCallError when it gives up. */
export async function retrying<T>(call: () => Promise<T>, signal?: AbortSignal, tries = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const e = toCallError(err);
      const retryable = e.status === 429 || e.status >= 500 || e.status === 0;
      if (!retryable || attempt >= tries || signal?.aborted) throw e;
      const wait = e.status === 429 ? (retryAfter(err) ?? 2 ** attempt) * 1000 : 250 * 2 ** (attempt - 1);
      await sleep(wait, signal);
    }
  }
}

/** Downloads an attachment with the credentials, reading at most `cap` bytes. */
export async function fetchAttachment(
  url: string,
  auth: string,
  cap: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  return retrying(async () => {
    const res = await fetch(url, { headers: { authorization: auth }, signal });
    if (!res.ok || !res.body) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
    return readCapped(res.body, cap);
  }, signal);
}
