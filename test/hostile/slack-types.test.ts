/**
 * Issue 16: `slack:` skipped DMs unless `types=` named them, so a secret pasted in a DM was found
 * in the export and not through the API. Now it reads every conversation type the token's scopes
 * allow, and names the types it could not read and the scopes they need. The real
 * @slack/web-api client talks to a local fake that grants, refuses and reports scopes as Slack does.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { type FakeSlackOptions, startFakeSlack } from "../helpers/fake-slack.mjs";
import { writeSlackExportDir } from "../helpers/slack-export-writer.mjs";
import { expectNoSecret, type JsonReport, manifestOf, seededSecret, tempFolder } from "./kit.js";

const TOKEN = "xoxb-fake-hostile-token";
const secrets = [0, 1, 2, 3, 4].map((i) => seededSecret(1680 + i));
const conversations = [
  { id: "C001", name: "general", type: "public_channel" },
  { id: "G002", name: "ops-private", type: "private_channel" },
  { id: "G003", name: "mpdm-ann--bob-1", type: "mpim" },
  { id: "D004", user: "U1", type: "im" },
];
const data = {
  domain: "acme.slack.com",
  channels: conversations,
  messages: (id: string) => {
    const i = conversations.findIndex((c) => c.id === id);
    if (i < 0) return undefined;
    return [{ type: "message", user: "U1", ts: `1700000${i}00.000100`, text: `key ${secrets[i]}` }];
  },
};
const CHANNEL_SCOPES = ["channels:read", "channels:history", "groups:read", "groups:history"];
const ALL_SCOPES = [...CHANNEL_SCOPES, "mpim:read", "mpim:history", "im:read", "im:history"];
const root = tempFolder("slack-types");
const exportDir = path.join(root, "export");
const good = path.join(root, "good.env");
let manifest = "";
const servers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  writeSlackExportDir(data, exportDir);
  writeFileSync(good, `TOKEN=${secrets[4]}\n`);
  manifest = await manifestOf(root, secrets);
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

/** Scans `slack:QUERY` (and more targets) against a fake granting `opts.scopes`. */
async function scanSlack(query: string, opts: Omit<FakeSlackOptions, "token">, more: string[] = []) {
  const fake = await startFakeSlack(data, { token: TOKEN, ...opts });
  servers.push(fake);
  const env = { SLACK_TOKEN: TOKEN, SLACK_API_URL: fake.apiUrl };
  const r = await cli(["scan", "-m", manifest, "-f", "json", "-q", `slack:${query}`, ...more], { env });
  expectNoSecret([r.out, r.err], secrets);
  const doc = JSON.parse(r.out) as JsonReport & { notices: string[] };
  const channels = doc.findings.map((f) => String(f.location.channel ?? f.location.path)).sort();
  return { code: r.code, doc, channels };
}

describe("slack: conversation types by scope (issue 16)", () => {
  it("reads DMs and group DMs by default, finding what the export of the same workspace finds", async () => {
    const api = await scanSlack("", { scopes: ALL_SCOPES });
    expect(api.code).toBe(1);
    expect(api.doc.errors).toEqual([]);
    expect(api.channels).toEqual(["C001", "D004", "G002", "G003"]);
    const r = await cli(["scan", "-m", manifest, "-f", "json", "-q", `slack-export:${exportDir}`]);
    const fromExport = (JSON.parse(r.out) as JsonReport).findings.map((f) => String(f.location.channel));
    expect(fromExport.sort()).toEqual(api.channels);
  });

  // Slack names every granted scope in a header; a proxy may drop it, and then each refusal
  // names the one scope Slack asked for
  for (const [n, hideScopes, needs] of [
    [0, false, "mpim (needs mpim:read, mpim:history), im (needs im:read, im:history)"],
    [1, true, "mpim (needs mpim:read), im (needs im:read)"],
  ] as const) {
    it(`case ${n}: names the types the token cannot read and the scopes they need`, async () => {
      const r = await scanSlack("", { scopes: CHANNEL_SCOPES, hideScopes });
      expect(r.code).toBe(1);
      expect(r.doc.errors).toEqual([]);
      expect(r.channels).toEqual(["C001", "G002"]);
      expect(r.doc.notices).toContainEqual(
        `slack:: conversation types not read for lack of a scope: ${needs}; add the scopes to the token to read them too`,
      );
    });
  }

  it("reports a type without its history scope once, not once per conversation", async () => {
    const r = await scanSlack("", {
      scopes: [...CHANNEL_SCOPES, "im:read", "mpim:read", "mpim:history"],
      hideScopes: true,
    });
    expect(r.channels).toEqual(["C001", "G002", "G003"]);
    expect(r.doc.notices.filter((x) => x.includes("lack of a scope"))).toEqual([
      "slack:: conversation types not read for lack of a scope: im (needs im:history); add the scopes to the token to read them too",
    ]);
  });

  it("makes a type named in types= that the token cannot read an error item (exit 3 alone)", async () => {
    const r = await scanSlack("?types=im,public_channel", { scopes: CHANNEL_SCOPES }, [good]);
    expect(r.code).toBe(1);
    expect(r.channels).toEqual([good, "C001"]);
    expect(r.doc.errors).toEqual([
      {
        source: "slack:?types=im,public_channel",
        item: "slack:?types=im,public_channel",
        reason: "conversation types not read for lack of a scope: im (needs im:read, im:history)",
      },
    ]);
    const alone = await scanSlack("?types=im", { scopes: CHANNEL_SCOPES });
    expect(alone.code).toBe(3);
  });
});
