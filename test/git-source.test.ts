import { describe, expect, it } from "vitest";
import { collect, fakeSecret, testContext, useTempRepos } from "./git-repo.js";
import { openSource } from "./helpers/source-run.js";

const repo = useTempRepos();

async function scanChunks(dir: string, options: Record<string, unknown> = {}) {
  const t = testContext(options);
  const chunks = await collect((await openSource(`git:${dir}`, t.ctx)).chunks());
  return { ...t, chunks };
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
    const { chunks, errors } = await scanChunks(r.dir);
    const hit = chunks.filter((c) => c.text.includes(fakeSecret("deleted")));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.provenance).toMatchObject({
      source: "git",
      path: "config/secret.env",
      commit: adding,
      author: "Test Author",
      atHead: false,
      survives: "history",
      refs: ["refs/heads/main"],
    });
    expect(hit[0]!.provenance.date).toMatch(/^2024-01-01T02:00:00/);
    expect(errors).toEqual([]);
    const readme = chunks.find((c) => c.text === "hello again\n");
    expect(readme?.provenance.atHead).toBe(true);
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
    const { chunks, counts } = await scanChunks(r.dir);
    const hit = chunks.filter((c) => c.text.includes(fakeSecret("shared")));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.provenance.commit).toBe(commits[0]);
    expect(hit[0]!.provenance.refs).toEqual(["refs/heads/one", "refs/heads/three", "refs/heads/two"]);
    const blobs = chunks.map((c) => c.provenance.blob);
    expect(new Set(blobs).size).toBe(blobs.length);
    expect(counts.items).toBe(5); // README, shared.env, one.txt, two.txt, three.txt
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
    const { chunks } = await scanChunks(r.dir);
    const side = chunks.find((c) => c.text.includes(fakeSecret("side")));
    const tagged = chunks.find((c) => c.text.includes(fakeSecret("tag")));
    expect(side?.provenance.refs).toEqual(["refs/heads/side"]);
    expect(tagged?.provenance.refs).toEqual(["refs/tags/v1.0"]);
    expect(tagged?.provenance).toMatchObject({ atHead: false, survives: "history" });
  });

  it("finds a blob orphaned by reset --hard only with --unreachable", async () => {
    const r = await repo();
    await r.write("a.txt", "a\n");
    await r.commit("a");
    await r.write("oops.env", `KEY=${fakeSecret("orphan")}\n`);
    const lost = await r.commit("oops");
    await r.git.reset(["--hard", "-q", "HEAD~1"]);
    const plain = await scanChunks(r.dir);
    expect(plain.chunks.some((c) => c.text.includes(fakeSecret("orphan")))).toBe(false);
    const deep = await scanChunks(r.dir, { unreachable: true });
    const hit = deep.chunks.filter((c) => c.text.includes(fakeSecret("orphan")));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.provenance).toMatchObject({
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
    const { chunks } = await scanChunks(r.dir);
    const stashed = chunks.find((c) => c.text.includes(fakeSecret("stash")));
    const note = chunks.find((c) => c.text.includes(fakeSecret("note")));
    expect(stashed?.provenance.refs).toEqual(["refs/stash"]);
    expect(note?.provenance.refs).toEqual(["refs/notes/commits"]);
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
    const { chunks } = await scanChunks(clone.dir);
    const hit = chunks.find((c) => c.text.includes(fakeSecret("default")));
    expect(hit?.provenance.atHead).toBe(true);
    expect(hit?.provenance.refs).toEqual([
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
    const { chunks } = await scanChunks(r.dir, { unreachable: true });
    const hit = chunks.find((c) => c.text.includes(fakeSecret("dangling")));
    expect(hit?.provenance).toMatchObject({
      path: sha,
      atHead: false,
      survives: "unreachable",
      refs: [],
      blob: sha,
    });
    expect(hit?.provenance.commit).toBeUndefined();
  });
});
