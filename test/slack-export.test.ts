import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { manifestOf } from "./helpers/chat-manifest.js";
import { cli } from "./helpers/cli.js";
import { startFakeSlack } from "./helpers/fake-slack.mjs";
import { smallWorkspace, tsOf } from "./helpers/slack-data.js";
import { exportFiles, writeSlackExportDir, writeSlackExportZip } from "./helpers/slack-export-writer.mjs";
import { locate, runSource } from "./helpers/source-run.js";
import { writeZip } from "./helpers/zip-writer.mjs";

const TOKEN = "xoxb-fake-test-token";
const ws = smallWorkspace();
const root = mkdtempSync(path.join(tmpdir(), "residue-slack-export-"));
const dir = path.join(root, "export");
const zip = path.join(root, "export.zip");
const server = await startFakeSlack(ws, { token: TOKEN });
ws.base = server.url;
writeSlackExportDir(ws, dir);
writeSlackExportZip(ws, zip);
const manifest = await manifestOf(ws.secrets);
afterAll(() => server.close());

/** A finding as a comparable row, without the source name (slack vs slack-export). */
const row = (f: Finding) => {
  const { source: _s, ...loc } = f.provenance;
  return JSON.stringify([f.secretId, loc, f.line, f.column, f.uri, f.form, f.match]);
};

async function findings(target: string, extra: Record<string, unknown> = {}) {
  const run = scan({
    targets: [target],
    env: { SLACK_TOKEN: TOKEN, SLACK_API_URL: server.apiUrl },
    manifests: [manifest],
    workers: 0,
    ...extra,
  });
  const out: Finding[] = [];
  for await (const f of run) out.push(f);
  return { rows: out.map(row).sort(), errors: run.errors, found: out };
}

describe("slack-export: source", () => {
  it.each([
    ["folder", dir],
    ["zip", zip],
  ])("an export (%s) gives the same findings as the API", async (_kind, where) => {
    const api = await findings("slack:");
    const exp = await findings(`slack-export:${where}`, { slackDomain: "acme" });
    expect(api.errors).toEqual([]);
    expect(exp.errors).toEqual([]);
    expect(exp.rows).toHaveLength(Object.keys(ws.secrets).length);
    expect(exp.rows).toEqual(api.rows);
    expect(exp.found[0]!.provenance.source).toBe("slack-export");
  });

  it("reads a zip whose files sit in one wrapping folder, with a full host as domain", async () => {
    const wrapped = path.join(root, "wrapped.zip");
    writeZip(wrapped, Object.fromEntries([...exportFiles(ws)].map(([k, v]) => [`acme-export/${k}`, v])));
    const run = await runSource("slack-export", wrapped, {}, { slackDomain: "https://acme.slack.com/" });
    const hit = locate(run.chunks, ws.secrets.reply)!;
    expect(hit.chunk.provenance).toMatchObject({ channel: "C001", threadTs: tsOf(2) });
    expect(hit.chunk.provenance.uri).toMatch(/^https:\/\/acme\.slack\.com\/archives\/C001\/p/);
  });

  it("filters by since= and reports the latest message as the cursor", async () => {
    const since = new Date((1_700_000_000 + 5 * 60) * 1000).toISOString();
    const run = await runSource("slack-export", `${dir}?since=${since}`, {});
    expect(locate(run.chunks, ws.secrets.link)).toBeUndefined();
    expect(locate(run.chunks, ws.secrets.code)).toBeDefined();
    expect(run.cursor).toBe(new Date(Number(tsOf(549)) * 1000).toISOString());
  });

  it("reports a corrupt day file and reads the rest", async () => {
    const bad = path.join(root, "bad");
    writeSlackExportDir(ws, bad);
    mkdirSync(path.join(bad, "general"), { recursive: true });
    writeFileSync(path.join(bad, "general", "2000-01-01.json"), "[{ not json");
    const run = await runSource("slack-export", bad, {}, { slackDomain: "acme" });
    expect(run.errors).toEqual([
      {
        item: `${bad}!general/2000-01-01.json`,
        reason: expect.stringMatching(/^not a readable export file/),
      },
    ]);
    expect(locate(run.chunks, ws.secrets.blocks)).toBeDefined();
  });

  it("reports a path that is not an export, and notes a missing --slack-domain", async () => {
    const run = await runSource("slack-export", path.join(root, "missing.zip"), {});
    expect(run.errors[0]!.reason).toMatch(/not a readable Slack export/);
    writeFileSync(path.join(root, "garbage.zip"), "PK\u0003\u0004 this is not a zip");
    const garbage = await runSource("slack-export", path.join(root, "garbage.zip"), {});
    expect(garbage.errors).toEqual([
      { item: path.join(root, "garbage.zip"), reason: expect.stringMatching(/^not a readable Slack export/) },
    ]);
    expect(run.notices.join()).toContain("--slack-domain");
  });

  it("takes --slack-domain from the command line", async () => {
    const withDomain = await cli([
      "scan",
      `slack-export:${zip}`,
      "--slack-domain",
      "acme",
      "-f",
      "json",
      "-q",
    ]);
    const without = await cli(["scan", `slack-export:${zip}`, "-f", "json", "-q"]);
    expect(JSON.parse(withDomain.out).notices.join()).not.toContain("--slack-domain");
    expect(JSON.parse(without.out).notices.join()).toContain("--slack-domain");
    expect(withDomain.code).toBe(without.code);
  });

  it("reads direct messages (folders named by id) and filters by channels=", async () => {
    const dm = path.join(root, "dm");
    mkdirSync(path.join(dm, "D0001"), { recursive: true });
    writeFileSync(path.join(dm, "dms.json"), JSON.stringify([{ id: "D0001", members: ["U1", "U2"] }]));
    writeFileSync(path.join(dm, "channels.json"), JSON.stringify([{ id: "C9", name: "general" }]));
    mkdirSync(path.join(dm, "general"));
    writeFileSync(
      path.join(dm, "general", "2024-01-01.json"),
      JSON.stringify([{ ts: "1704067200.000100", text: "hi" }]),
    );
    writeFileSync(
      path.join(dm, "D0001", "2024-01-01.json"),
      JSON.stringify([{ ts: "1704067200.000200", user: "U1", text: ws.secrets.reply }]),
    );
    const all = await runSource("slack-export", dm, {}, { slackDomain: "acme" });
    expect(locate(all.chunks, ws.secrets.reply)?.chunk.provenance).toMatchObject({
      channel: "D0001",
      channelName: "U1,U2",
      user: "U1",
    });
    const some = await runSource("slack-export", `${dm}?channels=general`, {}, { slackDomain: "acme" });
    expect(some.chunks.map((c) => c.provenance.channel)).toEqual(["C9"]);
  });
});
