import { describe, expect, it } from "vitest";
import { fakeSecret, scanGit, useTempRepos } from "./git-repo.js";
import { tokenPatternMatcher } from "./helpers/literal-matcher.js";

const repo = useTempRepos();

describe("git: one finding per secret per place across versions (issue 18.5)", () => {
  it("folds five versions of a file into one finding that survives at the tip", async () => {
    const r = await repo();
    const commits: string[] = [];
    for (let i = 1; i <= 5; i++) {
      await r.write("config.env", `# version ${i}\nKEY=${fakeSecret("five")}\n`);
      commits.push(await r.commit(`v${i}`));
    }
    const { found, run } = await scanGit(`git:${r.dir}`, { k1: fakeSecret("five") });
    expect(run.stats.items).toBe(5 + 5); // five versions, five commit messages
    expect(found).toHaveLength(1);
    const p = found[0]!.provenance;
    expect(p).toMatchObject({
      path: "config.env",
      commit: commits[0],
      versionCount: 5,
      lastCommit: commits[4],
      atHead: true,
      survives: "head",
      refs: ["refs/heads/main"],
    });
    expect((p.versions as { commit: string }[]).map((v) => v.commit)).toEqual(commits);
    expect(found[0]!.uri).toBe(`${commits[0]}:config.env:2`);
    expect(run.stats.findings).toBe(1);
  });

  it("names the last commit that still had a secret removed later", async () => {
    const r = await repo();
    const commits: string[] = [];
    for (let i = 1; i <= 3; i++) {
      await r.write("app.env", `N=${i}\nKEY=${fakeSecret("gone")}\n`);
      commits.push(await r.commit(`v${i}`));
    }
    await r.write("app.env", "N=4\nKEY=from-the-vault\n");
    await r.commit("rotate");
    await r.write("app.env", "N=5\nKEY=from-the-vault\n");
    await r.commit("later");
    const { found } = await scanGit(`git:${r.dir}`, { k1: fakeSecret("gone") });
    expect(found).toHaveLength(1);
    expect(found[0]!.provenance).toMatchObject({
      commit: commits[0],
      versionCount: 3,
      lastCommit: commits[2],
      atHead: false,
      survives: "history",
    });
  });

  it("keeps two copies in one file apart, and the same secret at two paths apart", async () => {
    const r = await repo();
    for (let i = 1; i <= 3; i++) {
      await r.write("a.env", `A=${fakeSecret("two")}\n# ${i}\nB=${fakeSecret("two")}\n`);
      await r.write("b.env", `COPY=${fakeSecret("two")} ${i}\n`);
      await r.commit(`v${i}`);
    }
    const { found } = await scanGit(`git:${r.dir}`, { k1: fakeSecret("two") });
    expect(found.map((f) => [f.provenance.path, f.line, f.provenance.versionCount])).toEqual([
      ["a.env", 1, 3],
      ["a.env", 3, 3],
      ["b.env", 1, 3],
    ]);
    expect(new Set(found.map((f) => f.id)).size).toBe(3);
  });

  it("gives a folded finding the same id on every run, and folds pattern findings too", async () => {
    const r = await repo();
    for (let i = 1; i <= 4; i++) {
      await r.write("deploy.yml", `step: ${i}\ntoken: ${fakeSecret("ids")}\n`);
      await r.commit(`v${i}`);
    }
    const first = await scanGit(`git:${r.dir}`, {}, { matcher: tokenPatternMatcher });
    const second = await scanGit(`git:${r.dir}`, {}, { matcher: tokenPatternMatcher });
    expect(first.found).toHaveLength(1);
    expect(first.found[0]).toMatchObject({ kind: "pattern", ruleId: "test.token" });
    expect(first.found[0]!.provenance.versionCount).toBe(4);
    expect(second.found.map((f) => f.id)).toEqual(first.found.map((f) => f.id));
  });

  it("reports a secret that left the default branch but lives on a side branch with that branch's tip", async () => {
    const r = await repo();
    await r.write("k.env", `KEY=${fakeSecret("side")}\n`);
    const intro = await r.commit("add");
    await r.git.checkout(["-q", "-b", "old", "main"]);
    await r.write("other.txt", "x\n");
    const sideTip = await r.commit("side work");
    await r.git.checkout(["-q", "main"]);
    await r.git.rm(["-q", "k.env"]);
    await r.commit("remove");
    const { found } = await scanGit(`git:${r.dir}`, { k1: fakeSecret("side") });
    expect(found).toHaveLength(1);
    expect(found[0]!.provenance).toMatchObject({
      commit: intro,
      survives: "history",
      refs: ["refs/heads/main", "refs/heads/old"],
    });
    // removed on main (where the last commit to have it is `intro`), still at the tip of `old`
    expect(found[0]!.provenance.lastCommit).toBe(sideTip);
  });
});
