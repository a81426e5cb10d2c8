import { describe, expect, it } from "vitest";
import { collect, fakeSecret, scanGit, testContext, useTempRepos } from "./git-repo.js";
import { openSource } from "./helpers/source-run.js";

const repo = useTempRepos();

async function scanChunks(dir: string, options: Record<string, unknown> = {}) {
  const t = testContext(options);
  const all = await collect((await openSource(`git:${dir}`, t.ctx)).chunks());
  // files' contents; commit and tag messages apart
  const chunks = all.filter((c) => c.provenance.field === undefined);
  return { ...t, chunks, messages: all.filter((c) => c.provenance.field !== undefined) };
}

/** The one finding of a fake secret (by seed) in a repository's history. */
async function only(dir: string, seed: string, options: Record<string, unknown> = {}) {
  const { found, run } = await scanGit(`git:${dir}`, { s1: fakeSecret(seed) }, options);
  expect(found).toHaveLength(1);
  return { f: found[0]!, run };
}

describe("git: source", () => {
  it("finds a secret only in a file deleted two commits later, with the adding commit", async () => {
    const r = await repo();
    await r.write("README.md", "hello\n");
    await r.commit("first");
    await r.write("config/secret.env", `TOKEN=${fakeSecret("deleted")}\n`);
    const adding = await r.commit("add config");
    await r.write("README.md", "hello again\n");
    await r.commit("edit");
    await r.git.rm(["config/secret.env"]);
    await r.commit("remove config");
    const { f, run } = await only(r.dir, "deleted");
    expect(f.provenance).toMatchObject({
      source: "git",
      path: "config/secret.env",
      commit: adding,
      author: "Test Author",
      atHead: false,
      survives: "history",
      refs: ["refs/heads/main"],
      versionCount: 1,
    });
    expect(f.provenance.date).toMatch(/^2024-01-01T02:00:00/);
    expect(run.errors).toEqual([]);
    const { chunks } = await scanChunks(r.dir);
    expect(chunks.filter((c) => c.text.includes(fakeSecret("deleted")))).toHaveLength(1);
  });

  it("reads the same blob on three branches once, with the oldest commit and all three refs", async () => {
    const r = await repo();
    await r.write("README.md", "base\n");
    await r.commit("base");
    const commits: string[] = [];
    for (const b of ["one", "two", "three"]) {
      await r.git.checkout(["-q", "-b", b, "main"]);
      await r.write(`${b}.txt`, `branch ${b}\n`);
      await r.write("shared.env", `KEY=${fakeSecret("shared")}\n`);
      commits.push(await r.commit(`on ${b}`));
    }
    const { f } = await only(r.dir, "shared");
    expect(f.provenance.commit).toBe(commits[0]);
    expect(f.provenance.refs).toEqual(["refs/heads/one", "refs/heads/three", "refs/heads/two"]);
    const { chunks, counts } = await scanChunks(r.dir);
    const blobs = chunks.map((c) => c.provenance.blob);
    expect(new Set(blobs).size).toBe(blobs.length);
    expect(counts.items).toBe(5 + 4); // README, shared.env, one.txt, two.txt, three.txt; 4 commit messages
  });

  it("covers tags and side branches", async () => {
    const r = await repo();
    await r.write("a.txt", "a\n");
    await r.commit("a");
    await r.git.checkout(["-q", "-b", "side"]);
    await r.write("side.txt", `side ${fakeSecret("side")}\n`);
    await r.commit("side");
    await r.git.checkout(["-q", "-b", "tagged", "main"]);
    await r.write("tagged.txt", `tagged ${fakeSecret("tag")}\n`);
    await r.commit("tagged");
    await r.git.raw(["tag", "-a", "v1.0", "-m", "release"]);
    await r.git.checkout(["-q", "main"]);
    await r.git.raw(["branch", "-D", "tagged"]);
    const side = (await only(r.dir, "side")).f;
    const tagged = (await only(r.dir, "tag")).f;
    expect(side.provenance.refs).toEqual(["refs/heads/side"]);
    expect(tagged.provenance.refs).toEqual(["refs/tags/v1.0"]);
    expect(tagged.provenance).toMatchObject({ atHead: false, survives: "history" });
  });

  it("finds a blob orphaned by reset --hard only with --unreachable", async () => {
    const r = await repo();
    await r.write("a.txt", "a\n");
    await r.commit("a");
    await r.write("oops.env", `KEY=${fakeSecret("orphan")}\n`);
    const lost = await r.commit("oops");
    await r.git.reset(["--hard", "-q", "HEAD~1"]);
    const plain = await scanGit(`git:${r.dir}`, { s1: fakeSecret("orphan") });
    expect(plain.found).toEqual([]);
    const { f } = await only(r.dir, "orphan", { unreachable: true });
    expect(f.provenance).toMatchObject({
      commit: lost,
      path: "oops.env",
      atHead: false,
      survives: "unreachable",
      refs: [],
    });
  });

  it("limits the scan to the blobs a --range or --since introduces", async () => {
    const r = await repo();
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) {
      await r.write(`f${i}.txt`, `file ${i}\n`);
      ids.push(await r.commit(`c${i}`));
    }
    const ranged = await scanChunks(r.dir, { range: `${ids[1]}..${ids[3]}` });
    expect(ranged.chunks.map((c) => c.provenance.path).sort()).toEqual(["f3.txt", "f4.txt"]);
    const since = await scanChunks(r.dir, { since: "2024-01-01T03:30:00Z" });
    expect(since.chunks.map((c) => c.provenance.path).sort()).toEqual(["f4.txt"]);
  });

  it("covers the stash and notes", async () => {
    const r = await repo();
    await r.write("app.env", "A=1\n");
    await r.commit("a");
    await r.write("app.env", `A=1\nKEY=${fakeSecret("stash")}\n`);
    await r.git.stash(["push", "-q"]);
    await r.git.raw(["notes", "add", "-m", `deploy note ${fakeSecret("note")}`, "HEAD"]);
    const stashed = (await only(r.dir, "stash")).f;
    const note = (await only(r.dir, "note")).f;
    expect(stashed.provenance.refs).toEqual(["refs/stash"]);
    expect(note.provenance.refs).toEqual(["refs/notes/commits"]);
  });

  it("takes the remote's default branch as the head in a clone checked out on a feature branch", async () => {
    const r = await repo();
    await r.write("keys.env", `KEY=${fakeSecret("default")}\n`);
    await r.commit("keys");
    const clone = await repo();
    await clone.git.raw(["fetch", "-q", r.dir, "+refs/heads/*:refs/remotes/origin/*"]);
    await clone.git.raw(["symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main"]);
    await clone.git.raw(["checkout", "-q", "-b", "feature", "origin/main"]);
    await clone.git.rm(["-q", "keys.env"]);
    await clone.commit("drop keys on the feature branch");
    const hit = (await only(clone.dir, "default")).f;
    expect(hit.provenance.atHead).toBe(true);
    expect(hit.provenance.refs).toEqual([
      "refs/heads/feature",
      "refs/remotes/origin/HEAD",
      "refs/remotes/origin/main",
    ]);
  });

  it("with --unreachable, names a dangling blob (staged, never committed) by its id", async () => {
    const r = await repo();
    await r.write("a.txt", "a\n");
    await r.commit("a");
    await r.write("draft.env", `KEY=${fakeSecret("dangling")}\n`);
    await r.git.add(["draft.env"]);
    await r.git.raw(["rm", "-q", "--cached", "draft.env"]);
    const sha = (await r.git.raw(["hash-object", "draft.env"])).trim();
    const hit = (await only(r.dir, "dangling", { unreachable: true })).f;
    expect(hit.provenance).toMatchObject({
      path: sha,
      atHead: false,
      survives: "unreachable",
      refs: [],
      blob: sha,
    });
    expect(hit.provenance.commit).toBeUndefined();
  });
});
