/**
 * github:ORG against a fake GitHub REST API with the real Octokit: the organization's repositories
 * paged, a 403 rate limit waited out, each history cloned (over HTTP, the token in a header, never
 * in a URL) into a temporary mirror removed afterwards and read as git: reads it, a repository
 * whose clone answers 404 reported by name, and with issues=true issue bodies, comments and review
 * comments; known (-m) and pattern copies found with their locator and link.
 */
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CopyRecord, PURGE, systemOf } from "../src/reporters/systems.js";
import { manifestOf } from "./helpers/chat-manifest.js";
import { cli } from "./helpers/cli.js";
import { type FakeGhRepo, startFakeGitHubOrg } from "./helpers/fake-github-org.js";
import { fakeSecret } from "./helpers/literal-matcher.js";
import { repoWith, scanIn as scanWith } from "./helpers/org-scan.js";

const TOKEN = "ghp_fake_org_scan_token_0123456789";
const known = {
  history: fakeSecret("fake_ghhist_", 32),
  archived: fakeSecret("fake_gharch_", 32),
  fork: fakeSecret("fake_ghfork_", 32),
  comment: fakeSecret("fake_ghcomm_", 32),
  review: fakeSecret("fake_ghrev_", 32),
};
const stripe = (n: number) => `sk_live_${fakeSecret("", 40 + n)}`;
const patterns = { history: stripe(0), issue: stripe(1) };

let fake: Awaited<ReturnType<typeof startFakeGitHubOrg>>;
let env: Record<string, string>;
let manifest: string;
const commits: Record<string, string> = {};

beforeAll(async () => {
  const app = await repoWith(
    { "config/.env": `A=1\nSTRIPE_KEY=${patterns.history}\n`, "deploy.txt": `token ${known.history}\n` },
    true,
  );
  commits.app = app.first;
  const web = await repoWith({ "README.md": "# web\n" });
  const old = await repoWith({ "notes.txt": `old ${known.archived}\n` });
  const forked = await repoWith({ "x.txt": `fork ${known.fork}\n` });
  const repos: FakeGhRepo[] = [
    { name: "app", dir: app.dir },
    {
      name: "web",
      dir: web.dir,
      issues: [
        { number: 3, title: "login fails", body: `steps:\nkey=${patterns.issue}\n` },
        { number: 4, title: "fix login", body: "", pull: true },
      ],
      comments: [{ id: 901, issue: 3, body: `I used ${known.comment} here` }],
      reviewComments: [{ id: 77, pull: 4, body: `remove\n${known.review}` }],
    },
    { name: "gone" },
    { name: "old", dir: old.dir, archived: true },
    { name: "forked", dir: forked.dir, fork: true },
  ];
  fake = await startFakeGitHubOrg("acme", repos, TOKEN);
  env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url, RESIDUE_HTTP_RETRIES: "2" };
  manifest = await manifestOf(known);
});
afterAll(() => fake?.close());

const scanIn = (target: string, rules?: "all" | "none", abortAtChunk?: boolean) =>
  scanWith(target, { env, manifest, rules, abortAtChunk });

describe("github: source", () => {
  it("reads every repository's history and its issues, reports the 404 one, removes its mirrors", async () => {
    const { found, errors, tmp } = await scanIn("github:acme?issues=true", "all");
    expect(errors).toEqual([
      {
        source: "github:acme?issues=true",
        item: "github:acme/gone",
        reason: expect.stringMatching(/^could not clone/),
      },
    ]);
    const by = (id: string) => found.filter((f) => f.secretId === id);
    expect(
      found
        .filter((f) => f.kind === "known")
        .map((f) => f.secretId)
        .sort(),
    ).toEqual(["archived", "comment", "history", "review"]);
    const [hist] = by("history");
    expect(hist!.provenance).toMatchObject({
      source: "github",
      repo: "acme/app",
      path: "deploy.txt",
      commit: commits.app,
      atHead: false,
    });
    expect(hist!.uri).toBe(`https://github.example/acme/app/blob/${commits.app}/deploy.txt#L1`);
    expect(by("comment")[0]!.provenance).toMatchObject({
      repo: "acme/web",
      issue: 3,
      comment: "901",
      field: "comment",
    });
    expect(by("comment")[0]!.uri).toBe("https://github.example/acme/web/issues/3#issuecomment-901");
    expect(by("review")[0]!.provenance).toMatchObject({ issue: 4, pull: true, field: "review comment" });
    expect(by("review")[0]!.uri).toBe("https://github.example/acme/web/pull/4#discussion_r77");
    expect(by("review")[0]!.line).toBe(2);
    const stripes = found.filter((f) => f.ruleId === "stripe.secret-key");
    expect(
      stripes.map((f) => [f.provenance.repo, f.provenance.path ?? f.provenance.field, f.line]).sort(),
    ).toEqual([
      ["acme/app", "config/.env", 2],
      ["acme/web", "body", 2],
    ]);
    expect(stripes.find((f) => f.provenance.field === "body")!.uri).toBe(
      "https://github.example/acme/web/issues/3",
    );
    // the listing was refused once (rate limit), then read in three pages of two
    expect(fake.calls.get("/orgs/acme/repos")).toBe(4);
    // every git request carried the token as a Basic header, none went without
    expect(fake.host.seen.length).toBeGreaterThan(3);
    expect(new Set(fake.host.seen)).toEqual(
      new Set([`Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString("base64")}`]),
    );
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("reads one repository, forks with forks=true, and leaves archived ones out with archived=false", async () => {
    const one = await scanIn("github:acme/app");
    expect(one.errors).toEqual([]);
    expect(one.found.filter((f) => f.kind === "known").map((f) => f.secretId)).toEqual(["history"]);
    const forks = await scanIn("github:acme?forks=true&archived=false");
    expect(
      forks.found
        .filter((f) => f.kind === "known")
        .map((f) => f.secretId)
        .sort(),
    ).toEqual(["fork", "history"]);
    expect(readdirSync(forks.tmp)).toEqual([]);
    // a fork named by the target is read
    const named = await scanIn("github:acme/forked");
    expect(named.found.map((f) => f.secretId)).toEqual(["fork"]);
  });

  it("reads from since= on (commits dated after it, tickets updated after it) and reports a resume point", async () => {
    const r = await scanIn("github:acme/web?issues=true&since=2025-01-01");
    expect(r.errors).toEqual([]);
    expect(r.found).toEqual([]);
    expect(r.notices).toEqual([expect.stringMatching(/: resume with since=20\d\d-/)]);
  });

  it("names the system of a copy and its purge advice for the HTML checklist", () => {
    const at = (location: Record<string, unknown>) =>
      systemOf({ source: "github", location } as unknown as CopyRecord);
    expect(at({ repo: "acme/app", path: "a.env" })).toEqual({ kind: "GitHub repository", name: "acme/app" });
    expect(at({ repo: "acme/web", issue: 3 }).name).toBe("acme/web#3");
    expect(PURGE["GitHub repository"]).toMatch(/filter-repo.*force-push.*delete the comment/);
    const gl = systemOf({
      source: "gitlab",
      location: { project: "acme/app", mergeRequest: 2 },
    } as unknown as CopyRecord);
    expect(gl).toEqual({ kind: "GitLab project", name: "acme/app!2" });
    expect(PURGE["GitLab project"]).toMatch(/housekeeping.*delete the note/);
  });

  it("removes every mirror when the scan is aborted mid-way", async () => {
    const r = await scanIn("github:acme", "none", true);
    expect(r.found.length).toBeLessThan(3);
    expect(readdirSync(r.tmp)).toEqual([]);
  });

  it("prints neither the token nor a secret in full; a repository that cannot be read alone exits 3", async () => {
    const r = await cli(["scan", "github:acme?issues=true", "-m", manifest, "--rules", "all", "-f", "json"], {
      env,
    });
    expect(r.code).toBe(1);
    expect((await cli(["scan", "github:acme/gone"], { env })).code).toBe(3);
    const all = r.out + r.err;
    expect(all).toContain("acme/gone");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString("base64"));
    for (const s of [...Object.values(known), ...Object.values(patterns)]) expect(all).not.toContain(s);
  });

  it("says GITHUB_TOKEN is missing, and rejects a bad spec", async () => {
    const r = await cli(["scan", "github:acme"], { env: { GITHUB_API_URL: fake.url } });
    expect(r.out + r.err).toMatch(/GITHUB_TOKEN is not set/);
    const bad = await cli(["scan", "github:a/b/c"], { env });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/OWNER or OWNER\/REPO/);
  });
});
