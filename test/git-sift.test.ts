/**
 * The known-only fast path of a history scan (sift.ts): with a manifest and no pattern rule,
 * every object is read once and only what may hold a copy is placed by the log pass. Its report
 * must be the one the full path gives (run here by asking for a pattern rule that finds nothing
 * in these repositories): same findings, same notices, same errors.
 */
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../src/manifest/index.js";
import { knownFilter } from "../src/match/known-filter.js";
import { type ScanOptions, scan } from "../src/scan.js";
import { sift } from "../src/sources/git/sift.js";
import type { Finding } from "../src/types.js";
import { fakeSecret, type TempRepo, useTempRepos } from "./git-repo.js";
import { manifestOf } from "./helpers/chat-manifest.js";

const repo = useTempRepos();
const key = (i: number) => fakeSecret(`sift-${i}`);
const ALL = Array.from({ length: 10 }, (_, i) => i);

/** A scan of `dir` for the keys `ids`: the fast path, or the full one (a pattern rule asked for). */
async function report(dir: string, ids: number[], full: boolean, options: Partial<ScanOptions> = {}) {
  const secrets = Object.fromEntries(ids.map((i) => [`k${i}`, key(i)]));
  const manifest = await manifestOf(secrets);
  const rules = full ? ["github.pat-classic"] : "none";
  const run = scan({
    targets: [`git:${dir}`],
    manifests: [manifest],
    rules,
    env: {},
    workers: 0,
    ...options,
  });
  const found: Finding[] = [];
  for await (const f of run) found.push(f);
  await rm(path.dirname(manifest), { recursive: true, force: true });
  const view = found.map((f) => ({ id: f.id, uri: f.uri, line: f.line, column: f.column, p: f.provenance }));
  return { found: view, notices: run.notices, errors: run.errors.map((e) => `${e.item}: ${e.reason}`) };
}

/** Both paths' reports, which must be equal; returns the fast one. */
async function same(dir: string, ids: number[], options: Partial<ScanOptions> = {}) {
  const fast = await report(dir, ids, false, options);
  const full = await report(dir, ids, true, options);
  expect(fast).toEqual(full);
  return fast;
}

/** Commits a gitlink (a submodule entry) without a submodule repository. */
async function gitlink(r: TempRepo, at: string, commit: string) {
  await r.git.raw(["update-index", "--add", "--cacheinfo", `160000,${commit},${at}`]);
  await r.git.raw(["commit", "-q", "-m", "submodule"]);
}

/** A history with copies everywhere a history keeps them. */
async function richRepo(): Promise<TempRepo> {
  const r = await repo();
  await r.write("app/config.env", `A=1\nTOKEN=${key(0)}\nB=2\n`);
  const first = await r.commit("first");
  await r.write("app/config.env", `A=1\nTOKEN=${key(0)}\nB=3\n`);
  await r.write("lfs.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n");
  await writeFile(path.join(r.dir, "wide.txt"), Buffer.from(`\ufeffwide ${key(1)} text\n`, "utf16le"));
  await writeFile(path.join(r.dir, "dump.gz"), gzipSync(`inside ${key(2)}\n`));
  await r.write("encoded.json", `{"v": "${Buffer.from(`x:${key(3)}`).toString("base64")}"}\n`);
  await r.commit(`second, pasted ${key(4)} here`);
  await r.git.checkout(["-q", "-b", "side"]);
  await r.write("app/config.env", `A=1\nB=4\n`);
  await r.write("side.txt", `side ${key(5)}\n`);
  await r.commit("side");
  await r.git.raw(["tag", "-a", "v1", "-m", `release ${key(6)}`]);
  await r.git.checkout(["-q", "main"]);
  await gitlink(r, "vendor/lib", first);
  await r.write("stashed.txt", `stash ${key(7)}\n`);
  await r.git.raw(["add", "stashed.txt"]);
  await r.git.stash(["push", "-q"]);
  await r.git.raw(["notes", "add", "-m", `note ${key(8)}`, "HEAD"]);
  await r.write("lost.txt", `lost ${key(9)}\n`);
  await r.commit("lost");
  await r.git.reset(["--hard", "-q", "HEAD~1"]);
  return r;
}

describe("git: known secrets only (the sift)", () => {
  it("reports what the full path reports: versions, branches, stash, notes, messages, archives, UTF-16, encoded copies", async () => {
    const r = await richRepo();
    const fast = await same(r.dir, ALL);
    const paths = new Set(fast.found.map((f) => String(f.p.path ?? f.p.field)));
    for (const p of [
      "app/config.env",
      "wide.txt",
      "dump.gz",
      "encoded.json",
      "side.txt",
      "stashed.txt",
      "message",
      "tag",
    ])
      expect(paths).toContain(p);
    expect(fast.found.some((f) => f.p.path === "lost.txt")).toBe(false);
    expect(fast.notices.join("\n")).toMatch(/submodule vendor\/lib .*not entered/);
    expect(fast.notices.join("\n")).toMatch(/LFS pointer/);
  });

  it("with --unreachable, also the blob of a dropped commit, as the full path does", async () => {
    const r = await richRepo();
    const fast = await same(r.dir, ALL, { unreachable: true } as Partial<ScanOptions>);
    expect(fast.found.some((f) => f.p.path === "lost.txt" && f.p.survives === "unreachable")).toBe(true);
  });

  it("with no copy anywhere, skips the log pass and still names submodules the same way", async () => {
    const r = await richRepo();
    const fast = await same(r.dir, [99]);
    expect(fast.found).toEqual([]);
    expect(fast.notices.join("\n")).toMatch(/submodule vendor\/lib/);
  });

  it("reports a missing blob as the full path does, when nothing else is found", async () => {
    const r = await repo();
    await r.write("a.txt", "plain\n");
    await r.commit("a");
    const blob = (await r.git.raw(["rev-parse", "HEAD:a.txt"])).trim();
    await rm(path.join(r.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
    const fast = await same(r.dir, [1]);
    expect(fast.errors.join("\n")).toContain(blob);
  });

  it("reports a missing blob as the full path does in a history with a submodule (its log lists the blobs)", async () => {
    const r = await repo();
    await r.write("a.txt", "plain\n");
    const first = await r.commit("a");
    await gitlink(r, "vendor/lib", first);
    await r.write("b.txt", "other\n");
    await r.commit("b");
    const blob = (await r.git.raw(["rev-parse", "HEAD:b.txt"])).trim();
    await rm(path.join(r.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
    const fast = await same(r.dir, [1]);
    expect(fast.errors.join("\n")).toContain(blob);
    expect(fast.notices.join("\n")).toMatch(/submodule vendor\/lib/);
  });

  it("tests raw bytes undecoded where it can, and decodes what the byte check cannot clear", async () => {
    const r = await repo();
    await r.write("ascii.txt", "plain ascii, no copy\n");
    await r.write("accent.txt", `café TOKEN=${key(0)}\n`);
    await r.write("accent-clean.txt", "café, no copy\n");
    await writeFile(
      path.join(r.dir, "blob.bin"),
      Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(key(1))]),
    );
    await r.write("copy.txt", `TOKEN=${key(2)}\n`);
    await r.commit("bytes");
    const fast = await same(r.dir, [0, 1, 2]);
    const paths = new Set(fast.found.map((f) => String(f.p.path)));
    for (const p of ["accent.txt", "blob.bin", "copy.txt"]) expect(paths).toContain(p);

    const manifest = await manifestOf({ k0: key(0), k1: key(1), k2: key(2) });
    const test = knownFilter([await loadManifest(manifest, { env: {} })]);
    await rm(path.dirname(manifest), { recursive: true, force: true });
    const clear = test?.clearBytes;
    expect(clear).toBeDefined();
    let raw = 0;
    if (test && clear)
      test.clearBytes = (buf, n, ascii) => {
        raw++;
        return clear(buf, n, ascii);
      };
    const sifted = await sift(r.dir, test!);
    const blob = async (f: string) => (await r.git.raw(["rev-parse", `HEAD:${f}`])).trim();
    for (const f of ["accent.txt", "blob.bin", "copy.txt"])
      expect(sifted?.keep.has(await blob(f))).toBe(true);
    for (const f of ["ascii.txt", "accent-clean.txt"]) expect(sifted?.keep.has(await blob(f))).toBe(false);
    expect(raw).toBeGreaterThan(0);
  });

  it("shares the objects with a worker thread on more than two cores and finds what one thread finds", async () => {
    const worker = path.resolve("dist/sources/git/sift-worker.js");
    expect(existsSync(worker)).toBe(true); // npm test builds first
    const r = await richRepo();
    const manifest = await manifestOf(Object.fromEntries(ALL.map((i) => [`k${i}`, key(i)])));
    const test = knownFilter([await loadManifest(manifest, { env: {} })]);
    await rm(path.dirname(manifest), { recursive: true, force: true });
    const clear = test?.clearBytes;
    let raw = 0;
    if (test && clear)
      test.clearBytes = (buf, n, ascii) => {
        raw++;
        return clear(buf, n, ascii);
      };
    const one = await sift(r.dir, test!);
    const alone = raw;
    raw = 0;
    let named = 0;
    const two = await sift(r.dir, test!, () => named++, { worker, cores: 4, splitBytes: 0, turnBytes: 1 });
    expect(two).toEqual(one);
    expect(one?.keep.size).toBeGreaterThan(5);
    expect(two?.gitlinks).toBe(true);
    // every other object was tested by the worker, not by this thread's test
    expect(raw).toBeGreaterThan(0);
    expect(raw).toBeLessThan(alone);
  });

  it("gives up on a shared read when an object cannot be read, as on one thread", async () => {
    const worker = path.resolve("dist/sources/git/sift-worker.js");
    const r = await repo();
    for (let i = 0; i < 4; i++) await r.write(`f${i}.txt`, `plain ${i}\n`);
    await r.commit("a");
    const blob = (await r.git.raw(["rev-parse", "HEAD:f3.txt"])).trim();
    const file = path.join(r.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2));
    await writeFile(file, "not zlib"); // corrupt: listed, then unreadable
    const manifest = await manifestOf({ k1: key(1) });
    const test = knownFilter([await loadManifest(manifest, { env: {} })]);
    await rm(path.dirname(manifest), { recursive: true, force: true });
    expect(await sift(r.dir, test!)).toBeUndefined();
    expect(
      await sift(r.dir, test!, undefined, { worker, cores: 4, splitBytes: 0, turnBytes: 1 }),
    ).toBeUndefined();
  });

  it("reads git's output through a pipe where no socket can be made, and finds the same", async () => {
    const r = await richRepo();
    const manifest = await manifestOf(Object.fromEntries(ALL.map((i) => [`k${i}`, key(i)])));
    const test = knownFilter([await loadManifest(manifest, { env: {} })]);
    await rm(path.dirname(manifest), { recursive: true, force: true });
    const socket = await sift(r.dir, test!);
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(r.dir, "x".repeat(120)); // too long for a socket's path
    try {
      expect(await sift(r.dir, test!)).toEqual(socket);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect(socket?.keep.size).toBeGreaterThan(5);
  });
});
