/**
 * github-actions: against a fake GitHub REST API with the real Octokit: run logs (a 302 to a log
 * zip, one member per job and step) and artifacts (a 302 to a zip; an expired one answers 410),
 * paging by Link headers, a 403 rate limit that resets, a 404 repository among the org's.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type CopyRecord, PURGE, systemOf } from "../src/reporters/systems.js";
import { type FakeOrg, startFakeGitHub } from "./helpers/fake-github.js";
import { fakeSecret } from "./helpers/literal-matcher.js";
import { runSource, scanKnown } from "./helpers/source-run.js";

const TOKEN = "ghp_fake_actions_token";
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const secrets = {
  log: fakeSecret("fake_ghlog_", 32),
  artifact: fakeSecret("fake_ghart_", 32),
  late: fakeSecret("fake_ghlate_", 32),
};

function org(): FakeOrg {
  const run = (
    id: number,
    created: string,
    logs: Record<string, string>,
    artifacts: FakeOrg["repos"][string][number]["artifacts"] = [],
  ) => ({ id, name: "CI", created, logs, artifacts });
  return {
    org: "acme",
    repos: {
      app: [
        run(
          101,
          "2024-05-01T10:00:00Z",
          {
            "build/1_Set up job.txt": "2024-05-01T10:00:01.0000000Z Runner\n",
            "build/2_Run tests.txt": `2024-05-01T10:00:02.0000000Z npm test\n2024-05-01T10:00:03.0000000Z TOKEN=${secrets.log}\n`,
          },
          [
            { name: "dist", files: { "dist/.env": `A=1\nAPI_KEY=${secrets.artifact}\n` } },
            { name: "old-dump", expired: true, files: { "x.txt": "gone" } },
          ],
        ),
        run(102, "2024-05-02T10:00:00Z", { "lint/1_Lint.txt": "ok\n" }),
        run(103, "2024-05-03T10:00:00Z", { "deploy/3_Deploy.txt": `step\ndeploying with ${secrets.late}\n` }),
      ],
      web: [run(201, "2024-05-01T11:00:00Z", { "build/1_Build.txt": "fine\n" })],
      gone: [run(301, "2024-05-01T12:00:00Z", { "x/1_y.txt": "never read\n" })],
    },
    missing: ["gone"],
    rateLimitOnce: true,
  };
}

async function fake(data = org()) {
  const server = await startFakeGitHub(data, TOKEN);
  servers.push(server);
  return { server, env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.url, RESIDUE_HTTP_RETRIES: "2" } };
}

describe("github-actions: source", () => {
  it("finds a known secret in a run's log and in an artifact, with run, job, step, line and link", async () => {
    const { env } = await fake();
    const { found, errors } = await scanKnown(["github-actions:acme/app"], env, secrets);
    expect(errors).toEqual([]);
    const by = (id: string) => found.find((f) => f.secretId === id)!;
    expect(found.map((f) => f.secretId).sort()).toEqual(["artifact", "late", "log"]);
    expect(by("log").provenance).toMatchObject({
      source: "github-actions",
      repo: "acme/app",
      run: 101,
      member: "build/2_Run tests.txt",
    });
    expect(by("log").line).toBe(2);
    expect(by("log").uri).toBe("https://github.example/acme/app/actions/runs/101");
    expect(by("artifact").provenance).toMatchObject({ artifact: "dist", member: "dist/.env", run: 101 });
    expect(by("artifact").line).toBe(2);
    expect(by("late").provenance).toMatchObject({ run: 103, member: "deploy/3_Deploy.txt" });
  });

  it("reads every repository of an organization, waits out a 403 rate limit, reports the 404 one", async () => {
    const { env, server } = await fake();
    const r = await runSource("github-actions", "acme", env);
    expect(r.errors).toEqual([
      { item: "github-actions:acme/gone", reason: expect.stringMatching(/^HTTP 404 from GitHub/) },
    ]);
    const runs = new Set(r.chunks.map((c) => `${c.provenance.repo}#${c.provenance.run}`));
    expect([...runs].sort()).toEqual(["acme/app#101", "acme/app#102", "acme/app#103", "acme/web#201"]);
    // the runs of acme/app come in two pages; the first listing was refused once (rate limit)
    expect(server.calls.get("/repos/acme/app/actions/runs")).toBe(3);
    expect(r.cursor).toBeUndefined();
  });

  it("skips an expired artifact without an error and reads from since= on, with a resume point", async () => {
    const { env } = await fake();
    const r = await runSource("github-actions", "acme/app?since=2024-05-02", env);
    expect(r.errors).toEqual([]);
    expect(new Set(r.chunks.map((c) => c.provenance.run))).toEqual(new Set([102, 103]));
    expect(Date.parse(r.cursor!)).toBeGreaterThan(Date.parse("2025-01-01"));
  });

  it("says GITHUB_TOKEN is missing, and rejects a bad spec", async () => {
    const { env } = await fake();
    const r = await runSource("github-actions", "acme/app", { GITHUB_API_URL: env.GITHUB_API_URL });
    expect(r.errors[0]!.reason).toMatch(/GITHUB_TOKEN is not set/);
    await expect(runSource("github-actions", "a/b/c", env)).rejects.toThrow(/OWNER or OWNER\/REPO/);
  });

  it("names the system of a copy and its purge advice for the HTML checklist", () => {
    const gh = systemOf({
      source: "github-actions",
      location: { repo: "acme/app", run: 101 },
    } as unknown as CopyRecord);
    expect(gh).toEqual({ kind: "GitHub Actions run", name: "acme/app run 101" });
    expect(PURGE[gh.kind]).toMatch(/delete the run's logs.*artifacts/);
    const gl = systemOf({
      source: "gitlab-ci",
      location: { project: "acme/app", job: 7 },
    } as unknown as CopyRecord);
    expect(gl).toEqual({ kind: "GitLab CI job", name: "acme/app job 7" });
    expect(PURGE[gl.kind]).toMatch(/erase the job/);
  });
});
