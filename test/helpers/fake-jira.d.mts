import type { JiraIssue } from "../../src/sources/jira/issue.js";
import type { FakeResponse, FakeServer } from "./http-server.mjs";
/** Site data behind the fake. */
export interface FakeJiraData {
  issues(): JiraIssue[];
  attachments?: Record<string, string | Buffer>;
  v2?(issue: JiraIssue): JiraIssue;
}
/** Accepted credentials and injected faults. */
export interface FakeJiraOptions {
  email?: string;
  apiToken?: string;
  pat?: string;
  fault?(call: { path: string; n: number }): FakeResponse | undefined;
}
/** Starts the fake Jira API; `url` is the site. */
export function startFakeJira(
  data: FakeJiraData,
  opts?: FakeJiraOptions,
): Promise<FakeServer & { jql: string[]; counts: Map<string, number> }>;
