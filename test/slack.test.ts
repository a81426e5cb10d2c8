import { afterEach, describe, expect, it } from "vitest";
import { generatedWorkspace, PLANTED } from "../fixtures/slack/generate-workspace.mjs";
import { scan } from "../src/scan.js";
import type { Chunk, Finding } from "../src/types.js";
import { manifestOf } from "./helpers/chat-manifest.js";
import type { FakeSlackOptions } from "./helpers/fake-slack.mjs";
import { startFakeSlack } from "./helpers/fake-slack.mjs";
import { smallWorkspace, tsOf } from "./helpers/slack-data.js";
import { locate, noCursor, openSource, runSource } from "./helpers/source-run.js";

const TOKEN = "xoxb-fake-test-token";
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fake(opts: Partial<FakeSlackOptions> = {}) {
  const ws = smallWorkspace();
  const server = await startFakeSlack(ws, { token: TOKEN, ...opts });
  servers.push(server);
  ws.base = server.url;
  return { ws, server, env: { SLACK_TOKEN: TOKEN, SLACK_API_URL: server.apiUrl } };
}

const permalink = (ch: string, ts: string) => `https://acme.slack.com/archives/${ch}/p${ts.replace(".", "")}`;

describe("slack: source through the Web API", () => {
  it("finds each planted secret with its channel, ts, field and permalink", async () => {
    const { ws, env } = await fake();
    const run = scan({ targets: ["slack:"], env, manifests: [await manifestOf(ws.secrets)], workers: 0 });
    const found: Finding[] = [];
    for await (const f of run) found.push(f);
    expect(run.errors).toEqual([]);
    const by = (id: string) => found.find((f) => f.secretId === id)!;
    expect(found.map((f) => f.secretId).sort()).toEqual(Object.keys(ws.secrets).sort());
    expect(by("reply").provenance).toMatchObject({
      channel: "C001",
      channelName: "general",
      ts: tsOf(4),
      threadTs: tsOf(2),
      user: "U3",
      field: "text",
    });
    expect(by("reply").uri).toBe(`${permalink("C001", tsOf(4))}?thread_ts=${tsOf(2)}&cid=C001`);
    expect(by("reply").line).toBe(2);
    expect(by("code")).toMatchObject({ line: 2, uri: permalink("C001", tsOf(5)) });
    expect(by("snippet").provenance).toMatchObject({ field: "files", ts: tsOf(6) });
    expect(by("snippet").line).toBe(2);
    expect(by("attachment").provenance).toMatchObject({ field: "attachments", user: "B01", ts: tsOf(7) });
    expect(by("blocks").provenance).toMatchObject({
      channel: "G003",
      channelName: "secret-ops",
      field: "blocks",
    });
    expect(by("link").provenance.field).toBe("text");
    expect(by("topic").provenance).toMatchObject({ field: "topic", channel: "C001" });
    expect(by("edited").uri).toBe(permalink("C001", tsOf(8)));
  });

  it("decodes markup and fetches a snippet's full text through url_private", async () => {
    const { env } = await fake();
    const { chunks } = await runSource("slack", "", env);
    const link = locate(chunks, "the docs (https://example.com/x?k=")!;
    expect(link.chunk.text).toContain("<ok>");
    expect(locate(chunks, "line three")?.chunk.provenance.field).toBe("files");
  });

  it("reads every page of a long channel and counts its messages", async () => {
    const { env, server } = await fake();
    const { chunks, items } = await runSource("slack", "?channels=random", env);
    expect(chunks.filter((c) => c.provenance.channel === "C002" && c.provenance.ts)).toHaveLength(450);
    expect(items).toBe(450);
    expect(server.counts.get("conversations.history")).toBe(3);
  });

  it("waits out a 429 with Retry-After and then reads the page", async () => {
    const { env, server } = await fake({
      fault: ({ method, n }) =>
        method === "conversations.history" && n === 1
          ? { status: 429, headers: { "retry-after": "1" } }
          : undefined,
    });
    const { chunks, errors } = await runSource("slack", "?channels=C001", env);
    expect(errors).toEqual([]);
    expect(chunks.some((c) => c.provenance.ts === tsOf(1))).toBe(true);
    expect(server.counts.get("conversations.history")).toBe(2);
  });

  it("retries a 5xx and then succeeds", async () => {
    const { ws, env } = await fake({
      fault: ({ method, n }) =>
        method === "conversations.replies" && n === 1 ? { status: 503, text: "busy" } : undefined,
    });
    const { chunks, errors } = await runSource("slack", "?channels=general", env);
    expect(errors).toEqual([]);
    expect(locate(chunks, ws.secrets.reply)?.chunk.provenance.threadTs).toBe(tsOf(2));
  });

  it("gives one clear error for an HTTP 401, without retrying", async () => {
    const { env, server } = await fake({ httpAuthError: true, token: "xoxb-other" });
    const run = await runSource("slack", "", env);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.reason).toMatch(/401.*SLACK_TOKEN/);
    expect(server.counts.get("auth.test")).toBe(1);
    expect(run.chunks).toEqual([]);
  });

  it("gives one clear error for an invalid token and a missing one", async () => {
    const { env } = await fake({ token: "xoxb-other" });
    const bad = await runSource("slack", "", env);
    expect(bad.errors.map((e) => e.reason)).toEqual([expect.stringMatching(/^invalid_auth/)]);
    const none = await runSource("slack", "", { SLACK_API_URL: env.SLACK_API_URL });
    expect(none.errors[0]!.reason).toMatch(/SLACK_TOKEN is not set/);
  });

  it("reports a channel that disappears mid-scan and reads the others", async () => {
    const { ws, env } = await fake({
      fault: ({ method, params }) =>
        method === "conversations.history" && params.get("channel") === "C002" && params.get("cursor")
          ? { json: { ok: false, error: "channel_not_found" } }
          : undefined,
    });
    const { chunks, errors } = await runSource("slack", "", env);
    expect(errors).toEqual([
      { item: "slack:#random (C002)", reason: expect.stringMatching(/^channel_not_found/) },
    ]);
    expect(chunks.filter((c) => c.provenance.channel === "C002" && c.provenance.ts)).toHaveLength(200);
    expect(locate(chunks, ws.secrets.blocks)?.chunk.provenance.channel).toBe("G003");
  });

  it("reads from since= on, and reports the resume cursor", async () => {
    const { ws, env } = await fake();
    const since = new Date((1_700_000_000 + 5 * 60) * 1000).toISOString();
    const run = await runSource("slack", `?channels=C001&since=${since}`, env);
    expect(locate(run.chunks, ws.secrets.link)).toBeUndefined();
    expect(locate(run.chunks, ws.secrets.code)).toBeDefined();
    expect(Date.parse(run.cursor!)).toBeGreaterThan(Date.parse("2024-01-01"));
    expect(run.notices.join("\n")).toContain("since=");
  });

  it("reads up to until=", async () => {
    const { ws, env } = await fake();
    const until = new Date((1_700_000_000 + 4 * 60) * 1000).toISOString();
    const run = await runSource("slack", `?channels=C001&until=${until}`, env);
    expect(locate(run.chunks, ws.secrets.link)).toBeDefined();
    expect(locate(run.chunks, ws.secrets.code)).toBeUndefined();
  });

  it("rejects an unknown query parameter", async () => {
    const { env } = await fake();
    await expect(runSource("slack", "?chanels=x", env)).rejects.toThrow(/unknown parameter "chanels"/);
  });

  it("streams page by page: the first message arrives before the second page is asked for", async () => {
    const server = await startFakeSlack(generatedWorkspace({ channels: 5, messages: 2000 }), {
      token: TOKEN,
    });
    servers.push(server);
    const ctx = {
      target: "slack:",
      options: {},
      env: { SLACK_TOKEN: TOKEN, SLACK_API_URL: server.apiUrl },
      error: () => {},
      count: () => {},
      notice: () => {},
      skip: () => {},
      readBinary: false,
      cursor: noCursor,
    };
    let historyAtFirst = -1;
    let planted: Chunk | undefined;
    for await (const c of (await openSource("slack:", ctx)).chunks()) {
      if (historyAtFirst === -1 && c.provenance.ts)
        historyAtFirst = server.counts.get("conversations.history")!;
      if (c.text.includes(PLANTED)) planted = c;
    }
    expect(historyAtFirst).toBe(1);
    expect(server.counts.get("conversations.history")).toBe(10);
    expect(planted?.provenance).toMatchObject({
      channel: "C000004",
      field: "text",
      threadTs: expect.any(String),
    });
  });

  it("gives no resume point when a conversation could not be read", async () => {
    const { env } = await fake({
      fault: ({ method, params }) =>
        method === "conversations.history" && params.get("channel") === "G003"
          ? { status: 403, text: "no" }
          : undefined,
    });
    const run = await runSource("slack", "", env);
    expect(run.errors).toEqual([
      { item: "slack:#secret-ops (G003)", reason: "HTTP 403: the token in SLACK_TOKEN was refused" },
    ]);
    expect(run.cursor).toBeUndefined();
    expect(run.notices.join()).toContain("no resume point");
  });

  it("reports the channels the bot is not in as one error item", async () => {
    const { ws, env } = await fake({
      fault: ({ method, params }) =>
        method === "conversations.history" && params.get("channel") !== "G003"
          ? { json: { ok: false, error: "not_in_channel" } }
          : undefined,
    });
    const run = await runSource("slack", "", env);
    expect(run.errors).toEqual([
      {
        item: "slack: 2 conversations (#general (C001), #random (C002))",
        reason: expect.stringMatching(/^not_in_channel: the bot is not a member/),
      },
    ]);
    expect(locate(run.chunks, ws.secrets.blocks)).toBeDefined();
  });
});
