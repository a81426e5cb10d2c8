import type { FakeResponse, FakeServer } from "./http-server.mjs";
/** Workspace data behind the fake. */
export interface FakeSlackData {
  domain: string;
  channels: Record<string, unknown>[];
  messages(channel: string): Record<string, unknown>[] | undefined;
  files?: Record<string, string | Buffer>;
}
/** Fake options: the accepted token and injected faults. */
export interface FakeSlackOptions {
  token: string;
  httpAuthError?: boolean;
  /** The token's scopes: sent as `x-oauth-scopes`, and calls that need another get `missing_scope`. */
  scopes?: string[];
  /** Leave the `x-oauth-scopes` header out (a proxy that drops it); refusals still come. */
  hideScopes?: boolean;
  fault?(call: { method: string; params: URLSearchParams; n: number }): FakeResponse | undefined;
}
/** Starts the fake Slack API; `apiUrl` goes into SLACK_API_URL. */
export function startFakeSlack(
  data: FakeSlackData,
  opts?: FakeSlackOptions,
): Promise<FakeServer & { apiUrl: string; counts: Map<string, number> }>;
