/**
 * Issue 11, "no plaintext from the outside world": a Slack server answers one channel with a
 * broken body holding a secret, and the targets carry credentials in their URLs (user-info and a
 * token query parameter). Neither appears in any output: text, json, jsonl, sarif, html, stderr,
 * the sweep store and its report; the errors are still there, named and masked.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskUrls } from "../src/mask-url.js";
import { cli } from "./helpers/cli.js";
import { startFakeSlack } from "./helpers/fake-slack.mjs";
import { fakeToken, tempDir } from "./known-helpers.js";

const BODY_SECRET = `xoxp-${fakeToken(24, "")}`;
const USER_TOKEN = fakeToken(20, "glpat-");
const QUERY_TOKEN = fakeToken(20, "tok");
const JIRA_TOKEN = fakeToken(20, "atl");
const KNOWN = fakeToken(24, "fake_live_");
const LEAKS = [BODY_SECRET, USER_TOKEN, QUERY_TOKEN, JIRA_TOKEN, KNOWN];

const dir = tempDir();
let server: Awaited<ReturnType<typeof startFakeSlack>>;
let env: Record<string, string>;
let targets: string[] = [];

beforeAll(async () => {
  const channels = [
    { id: "C001", name: "broken", type: "public_channel" },
    { id: "C002", name: "general", type: "public_channel" },
  ];
  const messages = (c: string) =>
    c === "C002" ? [{ type: "message", user: "U1", ts: "1700000000.000100", text: `key ${KNOWN}` }] : [];
  server = await startFakeSlack(
    { domain: "acme.slack.com", channels, messages },
    {
      token: "xoxb-fake-test-token",
      fault: ({ method, params }) =>
        method === "conversations.history" && params.get("channel") === "C001"
          ? { status: 200, text: `<html>upstream said ${BODY_SECRET} {"ok":` }
          : undefined,
    },
  );
  // git fails to connect; Jira (the fake's 404 for anything but the Slack API) refuses at once
  targets = [
    "slack:",
    `git:https://oauth2:${USER_TOKEN}@127.0.0.1:1/acme/app.git`,
    `git:https://127.0.0.1:1/acme/lib.git?private_token=${QUERY_TOKEN}`,
    `jira:${server.url.replace("://", `://bob:${JIRA_TOKEN}@`)}`,
  ];
  env = {
    SLACK_TOKEN: "xoxb-fake-test-token",
    SLACK_API_URL: server.apiUrl,
    JIRA_PAT: "jira-pat-for-tests",
    XDG_CONFIG_HOME: path.join(dir, "config"),
  };
  const added = await cli(["manifest", "add", "-m", "m.json", "--id", "known"], {
    cwd: dir,
    stdin: KNOWN,
    env,
  });
  expect(added.code).toBe(0);
});
afterAll(() => server.close());

function clean(what: string, text: string): void {
  expect(
    LEAKS.filter((s) => text.includes(s)).map((s) => `${what} holds secret ${LEAKS.indexOf(s)}`),
  ).toEqual([]);
}

describe("no plaintext from the outside world (issue 11)", () => {
  it.each(["text", "json", "jsonl", "sarif", "html"])(
    "scan -f %s: report and stderr hold none",
    async (format) => {
      const out = path.join(dir, `report.${format}`);
      const r = await cli(["scan", "-m", "m.json", "--rules", "all", "-f", format, "-o", out, ...targets], {
        cwd: dir,
        env,
      });
      expect(r.code).toBe(1);
      const report = readFileSync(out, "utf8");
      const all = `${report}\n${r.out}\n${r.err}`;
      clean("report, stdout or stderr", all);
      // the errors were met and named (so the check above is not vacuous): masked, not dropped
      expect(all).toContain("not a Slack API answer");
      expect(all).toContain("***@127.0.0.1:1/acme/app.git");
      if (format === "json") {
        const doc = JSON.parse(report);
        expect(doc.findings.map((f: { secretId?: string }) => f.secretId)).toContain("known");
        const errors = doc.errors as { source: string; item: string; reason: string }[];
        expect(errors.find((e) => e.item.includes("C001"))?.reason).toMatch(
          /HTTP 200 .*not a Slack API answer/,
        );
        expect(errors.map((e) => e.source)).toEqual(expect.arrayContaining(targets.slice(1).map(maskUrls)));
        expect(errors.length).toBeGreaterThanOrEqual(4);
      }
    },
  );

  describe("sweep", () => {
    let swept: Awaited<ReturnType<typeof cli>>;
    beforeAll(async () => {
      const config = path.join(dir, "sweep.json");
      writeFileSync(
        config,
        JSON.stringify({ manifests: ["m.json"], rules: "all", targets, db: "store/r.db" }),
      );
      swept = await cli(["sweep", "-c", config], { cwd: dir, env });
    });

    it("the sweep's stderr and stdout hold none, and name the target masked", () => {
      expect(swept.code).toBe(1);
      clean("sweep output", swept.err + swept.out);
      expect(swept.err).toContain("git:https://***@127.0.0.1:1/acme/app.git");
    });

    it("every file of the sweep store holds none, yet the store holds the errors", () => {
      const store = path.join(dir, "store");
      expect(existsSync(path.join(store, "r.db"))).toBe(true);
      for (const f of readdirSync(store))
        clean(`store file ${f}`, readFileSync(path.join(store, f)).toString("latin1"));
    });

    it.each(["json", "html"])("report -f %s from the store holds none", async (format) => {
      const rep = await cli(["report", "--db", "store/r.db", "-f", format], { cwd: dir, env });
      expect(rep.code).toBe(0);
      expect(rep.out).toContain("known");
      clean(`report -f ${format}`, rep.out + rep.err);
    });
  });
});
