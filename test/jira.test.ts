import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { manifestOf } from "./helpers/chat-manifest.js";
import { type FakeJiraOptions, startFakeJira } from "./helpers/fake-jira.mjs";
import { smallSite } from "./helpers/jira-data.js";
import { locate, runSource } from "./helpers/source-run.js";

const CLOUD = { email: "bot@example.com", apiToken: "fake-api-token" };
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fake(opts: FakeJiraOptions = CLOUD) {
  const site = smallSite();
  const server = await startFakeJira(site, opts);
  servers.push(server);
  site.base = server.url;
  const env = { JIRA_EMAIL: opts.email, JIRA_API_TOKEN: opts.apiToken, JIRA_PAT: opts.pat };
  return { site, server, env };
}

describe("jira: source through the REST API", () => {
  it("finds each planted secret with its issue, field, comment or history, and URL", async () => {
    const { site, server, env } = await fake();
    const manifests = [await manifestOf(site.secrets)];
    const run = scan({ targets: [`jira:${server.url}`], env, manifests, workers: 0 });
    const found: Finding[] = [];
    for await (const f of run) found.push(f);
    expect(run.errors).toEqual([]);
    expect(found.map((f) => f.secretId).sort()).toEqual(Object.keys(site.secrets).sort());
    const by = (id: string) => found.find((f) => f.secretId === id)!;
    const browse = `${server.url}/browse/ACME-1`;
    expect(by("adfcode")).toMatchObject({
      line: 3,
      uri: browse,
      provenance: { issue: "ACME-1", field: "description" },
    });
    expect(by("adflink").line).toBe(4);
    expect(by("card").line).toBe(5);
    expect(by("comment")).toMatchObject({
      line: 2,
      uri: `${browse}?focusedCommentId=20003`,
      provenance: { field: "comment", comment: "20003" },
    });
    expect(by("worklog").provenance).toMatchObject({ field: "worklog", worklog: "30001" });
    expect(by("custom").provenance.field).toBe("customfield_10010");
    expect(by("changelog")).toMatchObject({
      line: 1,
      provenance: { field: "changelog", changelog: "40003" },
    });
    expect(by("attachment")).toMatchObject({
      line: 2,
      uri: `${server.url}/attachments/A1`,
      provenance: { field: "attachment" },
    });
  });

  it("pages the enhanced search and the comments and changelog the search leaves out", async () => {
    const { server, env } = await fake();
    const run = await runSource("jira", server.url, env);
    expect(run.items).toBe(62); // 61 issues and one attachment
    expect(server.counts.get("/rest/api/3/search/jql")).toBe(2);
    expect(server.counts.get("/rest/api/3/issue/ACME-1/comment")).toBe(1);
    expect(server.counts.get("/rest/api/3/issue/ACME-1/changelog")).toBe(1);
    expect(server.jql[0]).toMatch(/ORDER BY updated ASC/);
    expect(run.chunks.filter((c) => c.provenance.field === "attachment")).toHaveLength(1);
  });

  it("reads Server/Data Center through API v2 with a bearer PAT", async () => {
    const { site, server, env } = await fake({ pat: "fake-personal-access-token" });
    const run = await runSource("jira", `${server.url}?jql=project%3DACME`, env);
    expect(run.errors).toEqual([]);
    expect(server.counts.get("/rest/api/2/search")).toBe(2);
    expect(server.jql[0]).toBe("(project=ACME) ORDER BY updated ASC, key ASC");
    for (const k of ["adfcode", "comment", "changelog", "worklog"] as const)
      expect(locate(run.chunks, site.secrets[k])?.chunk.provenance.issue).toBe("ACME-1");
  });

  it("waits out a 429 with Retry-After, and retries a 5xx", async () => {
    const { site, server, env } = await fake({
      ...CLOUD,
      fault: ({ path, n }) =>
        path === "/rest/api/3/search/jql" && n === 1
          ? { status: 429, headers: { "retry-after": "1" }, json: {} }
          : path === "/rest/api/3/issue/ACME-1/comment" && n === 1
            ? { status: 502, text: "bad gateway" }
            : undefined,
    });
    const run = await runSource("jira", server.url, env);
    expect(run.errors).toEqual([]);
    expect(server.counts.get("/rest/api/3/search/jql")).toBe(3);
    expect(locate(run.chunks, site.secrets.comment)).toBeDefined();
  });

  it("gives one clear error for refused credentials, without retrying, and for none", async () => {
    const { server } = await fake();
    const bad = await runSource("jira", server.url, {
      JIRA_EMAIL: "bot@example.com",
      JIRA_API_TOKEN: "wrong",
    });
    expect(bad.errors).toEqual([{ item: `jira:${server.url}`, reason: expect.stringMatching(/^HTTP 401/) }]);
    expect(server.counts.get("/rest/api/3/search/jql")).toBe(1);
    const none = await runSource("jira", server.url, {});
    expect(none.errors[0]!.reason).toMatch(/JIRA_EMAIL and JIRA_API_TOKEN.*JIRA_PAT/);
  });

  it("reads from since= on and reports the last issue's update as the cursor", async () => {
    const { site, server, env } = await fake();
    const run = await runSource("jira", `${server.url}?since=2024-03-01T10:00:00Z`, env);
    expect(server.jql[0]).toMatch(/updated >= "2024\/02\/29 10:00"/);
    expect(run.items).toBe(52);
    expect(locate(run.chunks, site.secrets.comment)).toBeUndefined();
    expect(run.cursor).toBe("2024-03-03T13:00:00.000Z");
  });

  it("skips attachments over the size cap", async () => {
    const { site, server, env } = await fake();
    const run = await runSource("jira", server.url, env, { jiraAttachmentCap: 10 });
    expect(locate(run.chunks, site.secrets.attachment)).toBeUndefined();
    expect(locate(run.chunks, site.secrets.comment)).toBeDefined();
  });

  it("rejects a target that is not a URL", async () => {
    await expect(runSource("jira", "acme", {})).rejects.toThrow(/not a URL/);
  });

  it("reports a JQL error by its status and kind, never Jira's body (issue 11)", async () => {
    const { server, env } = await fake({
      ...CLOUD,
      fault: ({ path }) =>
        path === "/rest/api/3/search/jql"
          ? { status: 400, json: { errorMessages: ["Field 'projct' does not exist."] } }
          : undefined,
    });
    const run = await runSource("jira", `${server.url}?jql=projct%3DX`, env);
    expect(run.errors).toEqual([
      {
        item: `jira:${server.url}`,
        reason: "HTTP 400 from Jira: bad request (for a search, a JQL query Jira cannot run)",
      },
    ]);
    expect(server.counts.get("/rest/api/3/search/jql")).toBe(1);
  });
});
