import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript file of bin/, without types
import { codeCacheDir, loadBundle } from "../bin/bundle-loader.js";
import { fakeSecret, useTempRepos } from "./git-repo.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "bin", "residue.js");
const run = promisify(execFile);

interface Loaded {
  exports: { value: () => string };
  status: Record<string, string>;
  save: () => void;
}
const load = loadBundle as (dir: string, opts?: { cache?: boolean }) => Loaded;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A two-chunk CommonJS bundle like dist/bundle/: main.cjs requires ./part-0.cjs. */
function bundleDir(word = "first"): string {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-bundle-"));
  dirs.push(dir);
  writeFileSync(path.join(dir, "part-0.cjs"), `exports.word = () => ${JSON.stringify(word)};\n`);
  const main = `const part = require("./part-0.cjs");\nexports.value = () => part.word() + " " + require("node:path").sep;\n`;
  writeFileSync(path.join(dir, "main.cjs"), main);
  return dir;
}

describe("bundle loader: V8 code cache", () => {
  it("0: compiles without a cache, saves one, and the next load uses it with the same result", () => {
    const dir = bundleDir();
    const first = load(dir);
    expect(first.exports.value()).toBe(`first ${path.sep}`);
    expect(first.status).toEqual({ "main.cjs": "none", "part-0.cjs": "none" });
    first.save();
    expect(readdirSync(codeCacheDir(dir)).sort()).toEqual(["main.cjs.bin", "part-0.cjs.bin"]);
    const second = load(dir);
    expect(second.status).toEqual({ "main.cjs": "used", "part-0.cjs": "used" });
    expect(second.exports.value()).toBe(`first ${path.sep}`);
  });

  it("1: a stale or damaged cache is rejected, and the chunk's current source runs", () => {
    const dir = bundleDir();
    load(dir).save();
    writeFileSync(path.join(dir, "part-0.cjs"), `exports.word = () => "second";\n`);
    // (a new main.cjs too: V8 reuses a source it compiled earlier in this process before any cache)
    writeFileSync(path.join(dir, "main.cjs"), `exports.value = () => require("./part-0.cjs").word();\n`);
    writeFileSync(path.join(codeCacheDir(dir), "main.cjs.bin"), Buffer.from("not a code cache"));
    const again = load(dir);
    expect(again.exports.value()).toBe("second");
    expect(again.status).toEqual({ "main.cjs": "rejected", "part-0.cjs": "rejected" });
  });

  it("2: a cache is kept per V8 version and architecture; cache: false neither reads nor writes", () => {
    const dir = bundleDir();
    expect(path.basename(codeCacheDir(dir))).toBe(`${process.versions.v8}-${process.arch}`);
    // another Node's cache sits in another folder and is never read
    const other = path.join(dir, "code-cache", `0.0.0-${process.arch}`);
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, "main.cjs.bin"), Buffer.from("from another V8"));
    const off = load(dir, { cache: false });
    expect(off.status).toEqual({ "main.cjs": "none", "part-0.cjs": "none" });
    off.save();
    expect(existsSync(codeCacheDir(dir))).toBe(false);
    expect(load(dir).status["main.cjs"]).toBe("none");
  });

  it("3: an unwritable cache folder is not an error", () => {
    const dir = bundleDir();
    writeFileSync(path.join(dir, "code-cache"), "a file where the folder would go");
    const loaded = load(dir);
    expect(() => loaded.save()).not.toThrow();
    expect(loaded.exports.value()).toBe(`first ${path.sep}`);
  });
});

const repo = useTempRepos();

describe("bundle loader: the hook with and without the cache", () => {
  it("4: git-staged findings are the same with the code cache and without it", async () => {
    const r = await repo();
    const stripe = `${"sk_live_"}${fakeSecret("hook-0").slice(12, 36)}`;
    await r.write(
      "config/app.env",
      `STRIPE_KEY=${stripe}\nDB=postgres://deploy:${fakeSecret("hook-1")}@db.corp.internal/app\n`,
    );
    await r.git.add(["config/app.env"]);
    const scan = async (env: Record<string, string>) => {
      const argv = [BIN, "scan", "git-staged:.", "--workers", "0", "--format", "json"];
      const out = await run(process.execPath, argv, { cwd: r.dir, env: { ...process.env, ...env } }).then(
        (x) => x.stdout,
        (err: { code: number; stdout: string }) => (err.code === 1 ? err.stdout : Promise.reject(err)),
      );
      const { findings } = JSON.parse(out) as { findings: unknown[] };
      return findings;
    };
    const cached = await scan({});
    const uncached = await scan({ NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(cached.length).toBeGreaterThan(0);
    expect(cached).toEqual(uncached);
  });
});

describe("bundle loader: Node's heavier modules on first use", () => {
  it("5: a chunk's node:crypto is a stand-in that loads on first use and behaves as the module", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-bundle-"));
    dirs.push(dir);
    const main = `const c = require("node:crypto");
exports.value = () => c.createHash("sha256").update("x").digest("hex");
exports.keys = () => Object.keys(c).includes("createHash") && "createHash" in c;`;
    writeFileSync(path.join(dir, "main.cjs"), main);
    const loaded = loadBundle(dir, { cache: false }) as { exports: { value(): string; keys(): boolean } };
    expect(loaded.exports.value()).toBe(createHash("sha256").update("x").digest("hex"));
    expect(loaded.exports.keys()).toBe(true);
  });
});

describe("the built bundle", () => {
  it("has no import() in its code: code compiled from a cache cannot run one on Node 20", () => {
    const out = path.join(ROOT, "dist", "bundle");
    const found: string[] = [];
    for (const name of readdirSync(out).filter((n) => n.endsWith(".cjs"))) {
      const code = readFileSync(path.join(out, name), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      for (const m of code.matchAll(/\bimport\(/g))
        found.push(`${name}: ${code.slice(m.index, m.index + 40)}`);
    }
    expect(found).toEqual([]);
  });

  it("opens the sweep store (better-sqlite3) through the cached bundle, twice", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-bundle-sweep-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "sweep.json"), JSON.stringify({ targets: ["."] }));
    writeFileSync(path.join(dir, "notes.txt"), "nothing here\n");
    for (const db of ["a.db", "b.db"]) {
      const r = await run(process.execPath, [BIN, "sweep", "-c", "sweep.json", "--db", db, "-q"], {
        cwd: dir,
      });
      expect(r.stderr).toBe("");
      expect(existsSync(path.join(dir, db))).toBe(true);
    }
  });
});
