import { describe, expect, it } from "vitest";
import { fakeSecret, scanGit, useTempRepos } from "./git-repo.js";

const repo = useTempRepos();

describe("git: commit and tag messages (issue 16.5)", () => {
  it("finds a secret pasted into a commit message, on its line of the message", async () => {
    const r = await repo();
    await r.write("a.txt", "a\n");
    await r.commit("first");
    await r.write("b.txt", "b\n");
    const pasted = await r.commit(`fix deploy\n\nused token ${fakeSecret("msg")} to test`);
    const { found } = await scanGit(`git:${r.dir}`, { m1: fakeSecret("msg") });
    expect(found).toHaveLength(1);
    expect(found[0]!.provenance).toMatchObject({
      source: "git",
      field: "message",
      commit: pasted,
      author: "Test Author",
      refs: ["refs/heads/main"],
      survives: "history",
    });
    expect(found[0]!.provenance.path).toBeUndefined();
    expect([found[0]!.line, found[0]!.column]).toEqual([3, 12]);
    expect(found[0]!.uri).toBe(`${pasted}:message:3`);
  });

  it("finds a secret in an annotated tag's message, with the tagger", async () => {
    const r = await repo();
    await r.write("a.txt", "a\n");
    const tagged = await r.commit("release");
    await r.git.raw(["tag", "-a", "v1.0", "-m", `release notes\nkey ${fakeSecret("tag")}`]);
    const { found } = await scanGit(`git:${r.dir}`, { t1: fakeSecret("tag") });
    expect(found).toHaveLength(1);
    expect(found[0]!.provenance).toMatchObject({
      field: "tag",
      tag: "refs/tags/v1.0",
      commit: tagged,
      author: "Test Author",
      refs: ["refs/tags/v1.0"],
    });
    expect(found[0]!.provenance.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(found[0]!.uri).toBe("refs/tags/v1.0:tag:2");
  });

  it("scans a message repeated by a cherry-pick once, under its first commit", async () => {
    const r = await repo();
    await r.write("a.txt", "a\n");
    await r.commit("base");
    await r.git.checkout(["-q", "-b", "side"]);
    await r.write("b.txt", "b\n");
    const original = await r.commit(`add b with ${fakeSecret("pick")}`);
    await r.git.checkout(["-q", "main"]);
    await r.git.raw(["cherry-pick", original]);
    const { found, run } = await scanGit(`git:${r.dir}`, { p1: fakeSecret("pick") });
    expect(found.map((f) => f.provenance.commit)).toEqual([original]);
    expect(found[0]!.provenance.refs).toEqual(["refs/heads/side"]);
    expect(run.errors).toEqual([]);
  });
});
