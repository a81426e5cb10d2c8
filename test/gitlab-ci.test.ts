/**
 * gitlab-ci: against a fake GitLab API with the real Gitbeaker client: job traces and artifacts
 * (a 302 to a zip; an expired one skipped), offset paging, a 429 with Retry-After, a 404 project.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGroup, startFakeGitLab } from "./helpers/fake-gitlab.js";
import { fakeSecret } from "./helpers/literal-matcher.js";
import { runSource, scanKnown } from "./helpers/source-run.js";

const TOKEN = "glpat-fake-ci-token-000";
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const secrets = { trace: fakeSecret("fake_gltrace_", 32), artifact: fakeSecret("fake_glart_", 32) };

function group(): FakeGroup {
  return {
    group: "acme",
    projects: {
      app: [
        {
          id: 7,
          name: "deploy",
          created: "2024-05-03T10:00:00Z",
          trace: `$ ./deploy\nusing ${secrets.trace}\n`,
        },
        {
          id: 6,
          name: "build",
          created: "2024-05-02T10:00:00Z",
          trace: "ok\n",
          artifacts: { "out/.env": `X=1\nKEY=${secrets.artifact}\n` },
        },
        {
          id: 5,
          name: "old",
          created: "2024-05-01T10:00:00Z",
          trace: "old\n",
          artifacts: { "a.txt": "x" },
          expired: true,
        },
      ],
      web: [{ id: 9, name: "lint", created: "2024-05-01T10:00:00Z", trace: "fine\n" }],
      gone: [{ id: 11, name: "x", created: "2024-05-01T10:00:00Z", trace: "never\n" }],
    },
    missing: ["gone"],
  };
}

async function fake() {
  const server = await startFakeGitLab(group(), TOKEN);
  servers.push(server);
  return { server, env: { GITLAB_TOKEN: TOKEN, GITLAB_URL: server.url } };
}

describe("gitlab-ci: source", () => {
  it("finds a known secret in a job trace and in an artifact, with job, line and link", async () => {
    const { env } = await fake();
    const { found, errors } = await scanKnown(["gitlab-ci:acme/app"], env, secrets);
    expect(errors).toEqual([]);
    const by = (id: string) => found.find((f) => f.secretId === id)!;
    expect(found.map((f) => f.secretId).sort()).toEqual(["artifact", "trace"]);
    expect(by("trace").provenance).toMatchObject({
      source: "gitlab-ci",
      project: "acme/app",
      job: 7,
      jobName: "deploy",
    });
    expect(by("trace").line).toBe(2);
    expect(by("trace").uri).toBe("https://gitlab.example/acme/app/-/jobs/7");
    expect(by("artifact").provenance).toMatchObject({ job: 6, member: "out/.env" });
    expect(by("artifact").line).toBe(2);
  });

  it("reads every project of a group, waits out a 429, reports the 404 one, skips the expired artifact", async () => {
    const { env, server } = await fake();
    const r = await runSource("gitlab-ci", "acme", env);
    expect(r.errors).toEqual([
      { item: "gitlab-ci:acme/gone", reason: expect.stringMatching(/^HTTP 404 from GitLab/) },
    ]);
    expect(new Set(r.chunks.map((c) => `${c.provenance.project}#${c.provenance.job}`))).toEqual(
      new Set(["acme/app#7", "acme/app#6", "acme/app#5", "acme/web#9"]),
    );
    expect(r.chunks.some((c) => c.provenance.job === 5 && c.provenance.artifact)).toBe(false);
    expect(server.calls.get("/api/v4/projects/acme%2Fapp/jobs")).toBeGreaterThanOrEqual(3);
  });

  it("stops at since= (jobs come newest first) and reports a resume point", async () => {
    const { env } = await fake();
    const r = await runSource("gitlab-ci", "acme/app?since=2024-05-02T12:00:00Z", env);
    expect(r.errors).toEqual([]);
    expect(new Set(r.chunks.map((c) => c.provenance.job))).toEqual(new Set([7]));
    expect(r.cursor).toBeDefined();
  });
});
