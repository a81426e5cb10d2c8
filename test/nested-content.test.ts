/**
 * Content met inside other content is opened the same way everywhere (issue 13): a zip and a HAR
 * committed to git, a zip attached to a Jira issue (API and export), a HAR uploaded to Slack.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locationSchema } from "../src/location.js";
import { findingJson } from "../src/reporters/serialize.js";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { useTempRepos } from "./git-repo.js";
import { startFakeJira } from "./helpers/fake-jira.mjs";
import { startFakeSlack } from "./helpers/fake-slack.mjs";
import type { FakeServer } from "./helpers/http-server.mjs";
import { fakeSecret, literalMatcher } from "./helpers/literal-matcher.js";
import { writeZip } from "./helpers/zip-writer.mjs";

const secret = fakeSecret("fake_nested_", 32);
const root = mkdtempSync(path.join(tmpdir(), "residue-nested-"));
const servers: FakeServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A zip holding `inner/.env` with the secret on line 3. */
function zipBytes(name: string): Buffer {
  const file = path.join(root, name);
  writeZip(file, { "inner/.env": `# deploy\nHOST=db\nTOKEN=${secret}\n`, "inner/readme.txt": "nothing" });
  return readFileSync(file);
}

/** A HAR whose one request sends the secret in a header. */
const har = JSON.stringify({
  log: {
    version: "1.2",
    entries: [
      {
        request: {
          method: "GET",
          url: "https://api.example.invalid/me",
          headers: [{ name: "Authorization", value: `Bearer ${secret}` }],
        },
        response: { status: 200, headers: [], content: { text: "{}" } },
      },
    ],
  },
});

async function found(target: string, env: Record<string, string | undefined> = {}) {
  const run = scan({ targets: [target], matcher: literalMatcher({ k: secret }), env, workers: 0 });
  const out: Finding[] = [];
  for await (const f of run) out.push(f);
  for (const f of out) declared(f, target);
  return { findings: out, errors: run.errors };
}

/** Every key the source set is one its location schema declares, and the JSON location validates. */
function declared(f: Finding, target: string) {
  const { source, location } = findingJson(f);
  expect(locationSchema().safeParse({ source, location }).success).toBe(true);
  const set = Object.entries(f.provenance).filter(
    ([k, v]) => k !== "uri" && k !== "source" && v !== undefined,
  );
  expect(Object.keys(location)).toEqual(expect.arrayContaining(set.map(([k]) => k)));
  expect(f.target).toBe(target);
}

describe("content inside content", () => {
  const repo = useTempRepos();

  it("opens a zip and a HAR committed to a git repository", async () => {
    const r = await repo();
    mkdirSync(path.join(r.dir, "deploy"), { recursive: true });
    writeFileSync(path.join(r.dir, "deploy", "bundle.zip"), zipBytes("git.zip"));
    await r.write("captures/login.har", har);
    const commit = await r.commit("add bundle and capture");
    const { findings, errors } = await found(`git:${r.dir}`);
    expect(errors).toEqual([]);
    const zip = findings.find((f) => String(f.provenance.path).endsWith(".env"))!;
    expect(zip.uri).toBe(`${commit}:deploy/bundle.zip!inner/.env:3`);
    expect(zip.provenance).toMatchObject({ source: "git", commit, member: "inner/.env" });
    const capture = findings.find((f) => f.provenance.path === "captures/login.har")!;
    expect(capture.provenance).toMatchObject({
      source: "git",
      commit,
      entry: 0,
      field: "request.headers[authorization]",
    });
    expect(findings).toHaveLength(2);
  });

  it("opens a zip attached to a Jira issue, through the API and in an export", async () => {
    const zip = zipBytes("jira.zip");
    let base = "";
    const issue = () => ({
      id: "10001",
      key: "ACME-7",
      self: `${base}/rest/api/3/issue/10001`,
      fields: {
        summary: "build logs",
        updated: "2024-03-01T10:00:00.000+0000",
        attachment: [
          {
            id: "10100",
            filename: "bundle.zip",
            mimeType: "application/zip",
            size: zip.length,
            content: `${base}/attachments/10100`,
          },
        ],
      },
    });
    const auth = { email: "bot@example.invalid", apiToken: "fake-api-token" };
    const server = await startFakeJira({ issues: () => [issue()], attachments: { "10100": zip } }, auth);
    servers.push(server);
    base = server.url;
    const env = { JIRA_EMAIL: auth.email, JIRA_API_TOKEN: auth.apiToken };
    const api = await found(`jira:${server.url}`, env);
    expect(api.errors).toEqual([]);
    const where = { issue: "ACME-7", field: "attachment", attachment: "bundle.zip" };
    expect(api.findings.map((f) => f.provenance)).toEqual([
      expect.objectContaining({ source: "jira", ...where, path: "bundle.zip!inner/.env" }),
    ]);
    expect(api.findings[0]!.line).toBe(3);
    // an export: the issues' JSON, and the attachment where Jira keeps it (KEY/attachment id)
    const dir = path.join(root, "jira-export");
    mkdirSync(path.join(dir, "attachments", "ACME", "10000", "ACME-7"), { recursive: true });
    writeFileSync(path.join(dir, "issues.json"), JSON.stringify({ issues: [issue()] }));
    writeFileSync(path.join(dir, "attachments", "ACME", "10000", "ACME-7", "10100"), zip);
    const exp = await found(`jira-export:${dir}`);
    expect(exp.errors).toEqual([]);
    expect(exp.findings.map((f) => f.provenance)).toEqual([
      expect.objectContaining({ source: "jira-export", ...where, path: "bundle.zip!inner/.env" }),
    ]);
  });

  it("reads a HAR uploaded to Slack field by field", async () => {
    const token = "xoxb-fake-nested-token";
    let base = "";
    const server = await startFakeSlack(
      {
        domain: "acme",
        channels: [{ id: "C001", name: "general", is_channel: true }],
        messages: (id) =>
          id === "C001"
            ? [
                {
                  type: "message",
                  user: "U1",
                  ts: "1700000001.000100",
                  text: "here is the capture",
                  files: [
                    {
                      id: "F9",
                      name: "login.har",
                      mimetype: "application/json",
                      size: har.length,
                      url_private: `${base}/files/F9`,
                    },
                  ],
                },
              ]
            : undefined,
        files: { F9: Buffer.from(har) },
      },
      { token },
    );
    servers.push(server);
    base = server.url;
    const { findings, errors } = await found("slack:", { SLACK_TOKEN: token, SLACK_API_URL: server.apiUrl });
    expect(errors).toEqual([]);
    expect(findings.map((f) => f.provenance)).toEqual([
      expect.objectContaining({
        source: "slack",
        channel: "C001",
        ts: "1700000001.000100",
        entry: 0,
        field: "request.headers[authorization]",
      }),
    ]);
  });
});
