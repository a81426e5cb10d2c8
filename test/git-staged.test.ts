import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { topLevel } from "../src/sources/git-staged/index.js";
import { collect, fakeSecret, testContext, useTempRepos } from "./git-repo.js";
import { openSource } from "./helpers/source-run.js";

const repo = useTempRepos();

async function staged(dir: string, options: Record<string, unknown> = {}) {
  const t = testContext(options);
  const chunks = await collect((await openSource(`git-staged:${dir}`, t.ctx)).chunks());
  return { ...t, chunks };
}

const lines = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `${tag} line ${i + 1}\n`).join("");

describe("git-staged: source", () => {
  it("scans only new or modified staged blobs, with the added lines", async () => {
    const r = await repo();
    await r.write("old.txt", lines(10, "old"));
    await r.write("same.txt", "unchanged\n");
    await r.write("gone.txt", "to delete\n");
    await r.commit("base");
    await r.write("old.txt", lines(10, "old").replace("old line 4\n", `KEY=${fakeSecret("staged")}\n`));
    await r.write("new dir/new file.txt", "n1\nn2\n");
    await r.git.add(["old.txt", "new dir/new file.txt"]);
    await r.git.rm(["-q", "gone.txt"]);
    await r.write("old.txt", "unstaged edits are not what gets committed\n");
    const { chunks, errors } = await staged(r.dir);
    expect(errors).toEqual([]);
    const byPath = new Map(chunks.map((c) => [path.relative(r.dir, c.provenance.path!), c]));
    expect([...byPath.keys()].sort()).toEqual(["new dir/new file.txt", "old.txt"]);
    const old = byPath.get("old.txt")!;
    expect(old.text).toContain(fakeSecret("staged")); // read from the index, not the work tree
    expect(old.provenance.source).toBe("git-staged");
    expect([...old.patternLines!]).toEqual([4]);
    expect([...byPath.get("new dir/new file.txt")!.patternLines!].sort()).toEqual([1, 2]);
  });

  it("reports whole files with --full-files", async () => {
    const r = await repo();
    await r.write("a.txt", lines(3, "a"));
    await r.commit("base");
    await r.write("a.txt", `${lines(3, "a")}added\n`);
    await r.git.add(["a.txt"]);
    const { chunks } = await staged(r.dir, { fullFiles: true });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.patternLines).toBeUndefined();
  });

  it("scans everything staged in a repository without commits", async () => {
    const r = await repo();
    await r.write("first.txt", "one\ntwo\n");
    await r.git.add(["first.txt"]);
    const { chunks, errors } = await staged(r.dir);
    expect(errors).toEqual([]);
    expect(chunks.map((c) => [c.provenance.path, [...c.patternLines!]])).toEqual([
      [path.join(r.dir, "first.txt"), [1, 2]],
    ]);
  });

  it("scans the whole staged change from a subfolder, paths shown from that folder", async () => {
    const r = await repo();
    await r.write("sub/inner.txt", "i1\n");
    await r.write("outer.txt", "o1\n");
    await r.git.add(["sub/inner.txt", "outer.txt"]);
    const sub = path.join(r.dir, "sub");
    const { chunks, errors } = await staged(sub);
    expect(errors).toEqual([]);
    expect(chunks.map((c) => c.provenance.path).sort()).toEqual([
      path.join(sub, "..", "outer.txt"),
      path.join(sub, "inner.txt"),
    ]);
  });

  it("finds the top folder without git where .git is, and with git below it", async () => {
    const r = await repo();
    await r.write("a/b/c.txt", "c\n");
    expect(await topLevel(r.dir)).toBe(path.resolve(r.dir));
    expect(realpathSync(await topLevel(path.join(r.dir, "a", "b")))).toBe(realpathSync(r.dir));
  });

  it("reports a folder that is not a repository, and one that does not exist", async () => {
    expect((await staged(tmpdir())).errors[0]!.reason).toBe("not a git repository");
    expect((await staged("/nonexistent/residue-staged")).errors[0]!.reason).toBe("no such folder");
  });
});
