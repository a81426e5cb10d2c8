/**
 * A connection lost in the middle of a sweep: the Slack API's socket closes on the second history
 * page. The sweep records an error item and exits 3 (partial), stores no resume point past the
 * break, declares nothing gone, and the next sweep reads again and finds what was after the break.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addToManifest } from "../src/manifest/index.js";
import { cli } from "./helpers/cli.js";
import { startFakeSlack } from "./helpers/fake-slack.mjs";
import { fakeSecret } from "./helpers/literal-matcher.js";

const T0 = 1_700_000_000;
/** Messages in the channel: history (newest first, 200 a page) puts index 0 on the second page. */
const COUNT = 250;
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

interface Doc {
  findings: { state: string; location: { ts?: string } }[];
}

/** The states of the last run's copies, by message index. */
async function states(cwd: string): Promise<[number, string][]> {
  const doc = JSON.parse((await cli(["report", "--db", "r.db", "-f", "json"], { cwd })).out) as Doc;
  return doc.findings
    .map((f): [number, string] => [Math.round(Number(f.location.ts) - T0), f.state])
    .sort((a, b) => a[0] - b[0]);
}

describe("a connection lost mid-sweep", () => {
  it("records an error item and exits 3; the next sweep finds what was after the break", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-lost-"));
    const secret = fakeSecret("fake_lost_", 32);
    await addToManifest(path.join(dir, "m.json"), [{ id: "chat-token", value: secret }], { env: {} });
    const messages = Array.from({ length: COUNT }, (_, i) => ({
      type: "message",
      user: "U0FILL",
      ts: `${T0 + i}.000100`,
      text: i === 0 || i === COUNT - 1 ? `deploy with ${secret}` : `note ${i}`,
    }));
    let broken = true;
    const slack = await startFakeSlack(
      {
        domain: "acme.slack.com",
        channels: [{ id: "C001", name: "deploys", type: "public_channel" }],
        messages: (id) => (id === "C001" ? messages : undefined),
      },
      {
        token: "xoxb-fake-token",
        // the first page is answered; every request for a later one loses its connection
        fault: ({ method, params }) =>
          broken && method === "conversations.history" && params.get("cursor") ? { drop: true } : undefined,
      },
    );
    closers.push(slack.close);
    writeFileSync(
      path.join(dir, "sweep.json"),
      // fail-on never: the exit status says only whether everything was read
      JSON.stringify({ manifests: ["m.json"], targets: ["slack:"], db: "r.db", failOn: "never" }),
    );
    const env = { SLACK_TOKEN: "xoxb-fake-token", SLACK_API_URL: slack.apiUrl, RESIDUE_HTTP_RETRIES: "1" };
    const first = await cli(["sweep", "-c", "sweep.json"], { cwd: dir, env });
    expect(first.code).toBe(3);
    expect(first.err).toMatch(/error: slack:: slack:#deploys \(C001\): request failed/);
    expect(await states(dir)).toEqual([[COUNT - 1, "new"]]);
    broken = false;
    const second = await cli(["sweep", "-c", "sweep.json"], { cwd: dir, env });
    expect(second.code).toBe(0);
    expect(await states(dir)).toEqual([
      [0, "new"],
      [COUNT - 1, "surviving"],
    ]);
    for (const out of [first, second]) expect(out.out + out.err).not.toContain(secret);
  }, 120_000);
});
