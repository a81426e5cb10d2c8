import { chmod, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, describe, expect, it } from "vitest";
import { collect, fakeSecret, scanGit, type TempRepo, tempRepo, testContext } from "./git-repo.js";
import { openSource } from "./helpers/source-run.js";

const cleanup: (() => Promise<void>)[] = [];
async function repo(): Promise<TempRepo> {
  const r = await tempRepo();
  cleanup.push(() => r.remove());
  return r;
}
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

async function scanChunks(spec: string, options: Record<string, unknown> = {}) {
  const t = testContext(options);
  const all = await collect((await openSource(`git:${spec}`, t.ctx)).chunks());
  // files' contents; commit and tag messages apart
  const chunks = all.filter((c) => c.provenance.field === undefined);
  return { ...t, chunks, messages: all.filter((c) => c.provenance.field !== undefined) };
}

describe("git: bad input", () => {
  it("reports a folder that is not a repository, and one that does not exist", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "residue-norepo-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const a = await scanChunks(dir);
    expect(a.errors).toEqual([{ item: dir, reason: expect.stringContaining("not a git repository") }]);
    const b = await scanChunks(path.join(dir, "missing"));
    expect(b.errors[0]!.reason).toBe("no such folder");
  });

  it("says a shallow clone is shallow and scans what it has", async () => {
    const r = await repo();
    await r.write("old.txt", `old ${fakeSecret("old")}\n`);
    await r.commit("old");
    await r.write("new.txt", "new\n");
    await r.commit("new");
    const dest = await mkdtemp(path.join(tmpdir(), "residue-shallow-"));
    cleanup.push(() => rm(dest, { recursive: true, force: true }));
    await simpleGit().clone(`file://${r.dir}`, path.join(dest, "c"), ["--depth", "1", "-q"]);
    const { chunks, notices, errors } = await scanChunks(path.join(dest, "c"));
    expect(notices.join("\n")).toMatch(/shallow clone/);
    expect(errors).toEqual([]);
    expect(chunks.map((c) => c.provenance.path).sort()).toEqual(["new.txt", "old.txt"]);
  });

  it("reports a missing object and scans the other blobs", async () => {
    const r = await repo();
    await r.write("keep.txt", "keep me\n");
    await r.write("lost.txt", "lost content\n");
    await r.commit("two files");
    const sha = (await r.git.raw(["rev-parse", "HEAD:lost.txt"])).trim();
    const file = path.join(r.dir, ".git", "objects", sha.slice(0, 2), sha.slice(2));
    await chmod(file, 0o644);
    await rm(file);
    const { chunks, errors } = await scanChunks(r.dir);
    expect(chunks.map((c) => c.text)).toEqual(["keep me\n"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.item).toMatch(/lost\.txt$/);
    expect(errors[0]!.reason).toMatch(/missing/);
  });

  it("reports a corrupt object and scans the blobs after it", async () => {
    const r = await repo();
    for (let i = 0; i < 5; i++) await r.write(`f${i}.txt`, `file ${i}\n`);
    await r.commit("five files");
    const sha = (await r.git.raw(["rev-parse", "HEAD:f2.txt"])).trim();
    const file = path.join(r.dir, ".git", "objects", sha.slice(0, 2), sha.slice(2));
    await chmod(file, 0o644);
    await writeFile(file, "this is not zlib data at all");
    const { chunks, errors } = await scanChunks(r.dir);
    expect(chunks.map((c) => c.text).sort()).toEqual(["file 0\n", "file 1\n", "file 3\n", "file 4\n"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.item).toMatch(/f2\.txt$/);
  });

  it("streams a huge blob in pieces", async () => {
    const r = await repo();
    const line = `${"x".repeat(99)}\n`;
    await r.write("big.log", `${line.repeat(30_000)}KEY=${fakeSecret("big")}\n`);
    await r.commit("big");
    const { chunks, counts } = await scanChunks(r.dir);
    expect(chunks.length).toBeGreaterThan(2);
    // the blob and the commit message ("big\n")
    expect(counts).toMatchObject({ items: 2, bytes: 3_000_000 + fakeSecret("big").length + 5 + 4 });
    const last = chunks.at(-1)!;
    expect(last.text).toContain(fakeSecret("big"));
    expect(last.line).toBeLessThanOrEqual(30_001);
  });

  it("names Git LFS pointers and submodules without scanning them", async () => {
    const r = await repo();
    const pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 12345\n";
    await r.write("model.bin", pointer);
    await r.write("a.txt", "a\n");
    await r.commit("lfs");
    const head = (await r.git.revparse(["HEAD"])).trim();
    await r.git.raw(["update-index", "--add", "--cacheinfo", `160000,${head},vendor/lib`]);
    await r.git.commit("submodule"); // not r.commit: `add -A` would drop the gitlink
    const { chunks, notices, counts } = await scanChunks(r.dir);
    expect(chunks.map((c) => c.provenance.path)).toEqual(["a.txt"]);
    expect(counts.skipped).toBe(1);
    expect(notices.join("\n")).toMatch(/1 Git LFS pointer not scanned.*model\.bin/);
    expect(notices.join("\n")).toMatch(/submodule vendor\/lib .* not entered/);
  });

  it("clones a URL into a temporary mirror and removes it afterwards", async () => {
    const r = await repo();
    await r.write("a.txt", `x ${fakeSecret("url")}\n`);
    await r.commit("a");
    const before = (await readdir(tmpdir())).filter((f) => f.startsWith("residue-clone-"));
    const { found, run } = await scanGit(`git:file://${r.dir}`, { s1: fakeSecret("url") });
    expect(run.errors).toEqual([]);
    expect(found.map((f) => f.provenance)).toMatchObject([
      { path: "a.txt", refs: ["refs/heads/main"], atHead: true },
    ]);
    const after = (await readdir(tmpdir())).filter((f) => f.startsWith("residue-clone-"));
    expect(after).toEqual(before);
    const bad = await scanChunks(`file://${r.dir}/does-not-exist`);
    expect(bad.errors[0]!.reason).toMatch(/could not clone/);
    expect((await readdir(tmpdir())).filter((f) => f.startsWith("residue-clone-"))).toEqual(before);
  });
});
