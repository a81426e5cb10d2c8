/**
 * Issue 16.3 against the real jira.js client (axios on the policy's fetch): a Jira site that never
 * answers, trickles, loops its nextPageToken, answers its login page with 200, or sends truncated
 * JSON. Bound: with RESIDUE_HTTP_TIMEOUT=1 and RESIDUE_HTTP_RETRIES=1 every request, all its
 * tries and backoff included, ends within 2 × 1 s (http-budget.ts): a hang or a trickle takes about
 * 2 s, the others under 0.5 s, plus the first scan's start; the test's own timeout (20 s) is the
 * asserted bound. With the defaults: 240 s for a trickle (two 120 s tries), under 90 s for a hang. Each
 * ends with an error item naming the site and the kind of problem, exit 3, no response body shown.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Behaviour, BOUNDED, closeServers, hostileScanSetup, hostileServer } from "./http-servers.js";

let setup: Awaited<ReturnType<typeof hostileScanSetup>>;

beforeAll(async () => {
  setup = await hostileScanSetup("jira");
});
afterEach(closeServers);

const SEARCH = "/rest/api/3/search/jql";

async function jiraWith(how: Behaviour) {
  const server = await hostileServer((p) => (p === SEARCH ? how : undefined));
  return { server, env: { ...BOUNDED, JIRA_EMAIL: "a@example.com", JIRA_API_TOKEN: "fake-jira-hostile" } };
}

const scanJson = (env: Record<string, string>, ...targets: string[]) => setup.scanJson(env, ...targets);

const cases: [string, Behaviour, RegExp][] = [
  ["never answers", "hang", /no answer within 2 s over 2 tries/],
  ["trickles a byte at a time", "trickle", /no complete answer within 2 s over 2 tries/],
  ["answers its login page with 200", "html", /HTML page instead of an API answer/],
  ["sends truncated JSON", "truncated", /truncated or broken JSON/],
  [
    "loops its nextPageToken",
    { json: { issues: [], isLast: false, nextPageToken: "same" } },
    /same page token twice/,
  ],
  ["answers JSON that is no search page", { json: { hello: "world" } }, /not a Jira search page/],
];

describe("jira: against a hostile server", () => {
  it.each(cases)("a site that %s: an error item, exit 3", { timeout: 20_000 }, async (_n, how, reason) => {
    const { env, server } = await jiraWith(how);
    const r = await scanJson(env, `jira:${server.url}`);
    expect(r.code).toBe(3);
    expect(r.errors).toEqual([
      expect.objectContaining({ item: `jira:${server.url}`, reason: expect.stringMatching(reason) }),
    ]);
    // bounded: the first try and one retry of a timed-out call; a loop stops at the repeated token
    expect(server.calls.get(SEARCH)).toBeLessThanOrEqual(2);
  });

  it("still scans and finds a sibling target", { timeout: 20_000 }, async () => {
    const { env, server } = await jiraWith("hang");
    const r = await scanJson(env, `jira:${server.url}`, setup.sibling);
    expect(r.code).toBe(1);
    expect(r.findings).toHaveLength(1);
    expect(r.errors).toHaveLength(1);
  });
});
