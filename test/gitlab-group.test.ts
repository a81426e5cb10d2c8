/**
 * gitlab:GROUP against a fake GitLab REST API with the real Gitbeaker: the group's projects (a
 * subgroup's included) paged, a 429 rate limit waited out, each history cloned over HTTP (the
 * token in a header) into a temporary mirror removed afterwards and read as git: reads it, a
 * project whose clone answers 404 reported by name, and with issues=true issue and merge-request
 * descriptions and notes; known (-m) and pattern copies found with their locator and link.
 */
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestOf } from "./helpers/chat-manifest.js";
import { cli } from "./helpers/cli.js";
import { type FakeGlProject, startFakeGitLabGroup } from "./helpers/fake-gitlab-group.js";
import { fakeSecret } from "./helpers/literal-matcher.js";
import { repoWith, scanIn as scanWith } from "./helpers/org-scan.js";

const TOKEN = "glpat-fakegroupscantoken0123";
const known = {
  history: fakeSecret("fake_glhist_", 32),
  subgroup: fakeSecret("fake_glsub_", 32),
  fork: fakeSecret("fake_glfork_", 32),
  comment: fakeSecret("fake_glcomm_", 32),
  mrnote: fakeSecret("fake_glmr_", 32),
  system: fakeSecret("fake_glsys_", 32),
};
const stripe = `sk_live_${fakeSecret("", 44)}`;

let fake: Awaited<ReturnType<typeof startFakeGitLabGroup>>;
let env: Record<string, string>;
let manifest: string;
let introduced = "";

beforeAll(async () => {
  const app = await repoWith({ "ci/deploy.sh": `#!/bin/sh\nexport T=${known.history}\n` }, true);
  introduced = app.first;
  const lib = await repoWith({ "lib.txt": `key ${known.subgroup}\n` });
  const forked = await repoWith({ "x.txt": `fork ${known.fork}\n` });
  const projects: FakeGlProject[] = [
    {
      name: "app",
      dir: app.dir,
      issues: [{ iid: 5, title: "deploy broken", description: `log:\nSTRIPE=${stripe}\n` }],
      mergeRequests: [{ iid: 2, title: "rotate", description: "" }],
      notes: {
        "issue/5": [{ id: 700, body: `try ${known.comment}` }],
        "mr/2": [
          { id: 800, body: `line\n${known.mrnote}` },
          { id: 801, body: `changed ${known.system}`, system: true },
        ],
      },
    },
    { name: "sub/lib", dir: lib.dir },
    { name: "gone" },
    { name: "forked", dir: forked.dir, fork: true },
  ];
  fake = await startFakeGitLabGroup("acme", projects, TOKEN);
  env = { GITLAB_TOKEN: TOKEN, GITLAB_URL: fake.url, RESIDUE_HTTP_RETRIES: "2" };
  manifest = await manifestOf(known);
});
afterAll(() => fake?.close());

const scanIn = (target: string, rules?: "all" | "none") => scanWith(target, { env, manifest, rules });

describe("gitlab: source", () => {
  it("reads every project's history and its tickets, reports the 404 one, removes its mirrors", async () => {
    const { found, errors, tmp } = await scanIn("gitlab:acme?issues=true", "all");
    expect(errors).toEqual([
      {
        source: "gitlab:acme?issues=true",
        item: "gitlab:acme/gone",
        reason: expect.stringMatching(/^could not clone/),
      },
    ]);
    const one = (id: string) => found.find((f) => f.secretId === id)!;
    expect(
      found
        .filter((f) => f.kind === "known")
        .map((f) => f.secretId)
        .sort(),
    ).toEqual(["comment", "history", "mrnote", "subgroup"]);
    expect(one("history").provenance).toMatchObject({
      source: "gitlab",
      project: "acme/app",
      path: "ci/deploy.sh",
      commit: introduced,
    });
    expect(one("history").uri).toBe(`https://gitlab.example/acme/app/-/blob/${introduced}/ci/deploy.sh#L2`);
    expect(one("subgroup").provenance.project).toBe("acme/sub/lib");
    expect(one("comment").provenance).toMatchObject({ issue: 5, comment: "700", field: "note" });
    expect(one("comment").uri).toBe("https://gitlab.example/acme/app/-/issues/5#note_700");
    expect(one("mrnote").provenance).toMatchObject({ mergeRequest: 2, comment: "800", field: "note" });
    expect(one("mrnote").line).toBe(2);
    const s = found.find((f) => f.ruleId === "stripe.secret-key")!;
    expect(s.provenance).toMatchObject({ project: "acme/app", issue: 5, field: "description" });
    expect([s.line, s.uri]).toEqual([2, "https://gitlab.example/acme/app/-/issues/5"]);
    expect(fake.calls.get("/api/v4/groups/acme/projects")).toBe(3);
    expect(new Set(fake.host.seen)).toEqual(
      new Set([`Basic ${Buffer.from(`oauth2:${TOKEN}`).toString("base64")}`]),
    );
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("reads one project, and forks with forks=true", async () => {
    const one = await scanIn("gitlab:acme/sub/lib");
    expect(one.errors).toEqual([]);
    expect(one.found.map((f) => f.secretId)).toEqual(["subgroup"]);
    const forks = await scanIn("gitlab:acme?forks=true");
    expect(forks.found.map((f) => f.secretId).sort()).toEqual(["fork", "history", "subgroup"]);
  });

  it("prints neither the token nor a secret in full", async () => {
    const r = await cli(["scan", "gitlab:acme?issues=true", "-m", manifest, "--rules", "all", "-f", "json"], {
      env,
    });
    expect(r.code).toBe(1);
    const all = r.out + r.err;
    expect(all).toContain("acme/gone");
    expect(all).not.toContain(TOKEN);
    for (const v of [...Object.values(known), stripe]) expect(all).not.toContain(v);
  });
});
