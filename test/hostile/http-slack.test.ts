/**
 * Issue 16.3 against the real @slack/web-api client: a Slack API that never answers, trickles,
 * loops its cursor, answers an HTML page with 200, or sends truncated JSON. Bound: with
 * RESIDUE_HTTP_TIMEOUT=1 and RESIDUE_HTTP_RETRIES=1 every request, all its tries and backoff
 * included (the client's own retries too), ends within 2 × 1 s (http-budget.ts): a hang or a
 * trickle takes about 2 s, the others under 0.5 s, plus the first scan's start; the test's own
 * timeout (20 s) is the asserted bound. With the defaults: 240 s for a trickle (two 120 s tries),
 * under 90 s for a hang (5 × 15 s plus backoff). Each scan ends with an
 * error item naming the target and the kind of problem, exit 3, and no response body in output.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Behaviour, BOUNDED, closeServers, hostileScanSetup, hostileServer } from "./http-servers.js";

let setup: Awaited<ReturnType<typeof hostileScanSetup>>;

beforeAll(async () => {
  setup = await hostileScanSetup("slack");
});
afterEach(closeServers);

const ok = (extra: Record<string, unknown> = {}) => ({ json: { ok: true, ...extra } });
const AUTH = ok({ url: "https://acme.slack.com/", team: "acme" });

/** A Slack API whose method `bad` misbehaves as `how`; the others answer a one-channel workspace. */
async function slackWith(bad: string, how: Behaviour) {
  const server = await hostileServer((p) => {
    const method = p.replace(/^\/api\//, "");
    if (method === bad) return how;
    if (method === "auth.test") return AUTH;
    if (method === "conversations.list") return ok({ channels: [{ id: "C001", name: "general" }] });
    if (method === "conversations.history") return ok({ messages: [], has_more: false });
    return undefined;
  });
  return {
    server,
    env: { ...BOUNDED, SLACK_TOKEN: "xoxb-fake-hostile", SLACK_API_URL: `${server.url}/api/` },
  };
}

const scanJson = (env: Record<string, string>, ...targets: string[]) => setup.scanJson(env, ...targets);

const cases: [string, string, Behaviour, RegExp][] = [
  // the client's own retry may come after the 2 s budget: then it is refused and one try was sent
  ["never answers", "auth.test", "hang", /no answer within 2 s over (2 tries|1 try)/],
  [
    "trickles a byte at a time",
    "conversations.list",
    "trickle",
    /no complete answer within 2 s over (2 tries|1 try)/,
  ],
  ["answers an HTML page with 200", "auth.test", "html", /HTML page instead of an API answer/],
  ["sends truncated JSON", "conversations.list", "truncated", /truncated or broken JSON/],
  [
    "loops its conversations.list cursor",
    "conversations.list",
    {
      json: {
        ok: true,
        channels: [{ id: "C001", name: "general" }],
        response_metadata: { next_cursor: "same" },
      },
    },
    /same page token twice/,
  ],
  [
    "loops its history cursor",
    "conversations.history",
    { json: { ok: true, messages: [], has_more: true, response_metadata: { next_cursor: "same" } } },
    /same page token twice/,
  ],
];

describe("slack: against a hostile server", () => {
  it.each(cases)(
    "a server that %s: an error item, exit 3",
    { timeout: 20_000 },
    async (_n, bad, how, reason) => {
      const { env, server } = await slackWith(bad, how);
      const r = await scanJson(env, "slack:");
      expect(r.code).toBe(3);
      expect(r.errors).toEqual([
        expect.objectContaining({
          item: expect.stringMatching(/^slack:/),
          reason: expect.stringMatching(reason),
        }),
      ]);
      // bounded: at most the first try and one retry of the bad call
      expect(server.calls.get(`/api/${bad}`)).toBeLessThanOrEqual(2);
    },
  );

  it("still scans and finds a sibling target", { timeout: 20_000 }, async () => {
    const { env } = await slackWith("auth.test", "hang");
    const r = await scanJson(env, "slack:", setup.sibling);
    expect(r.code).toBe(1);
    expect(r.findings).toHaveLength(1);
    expect(r.errors).toHaveLength(1);
  });
});
