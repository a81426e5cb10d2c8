/**
 * The package as a user gets it (issue 17): `npm pack` of this repository, the tarball installed
 * into an empty folder without optional dependencies, and used three ways: the CLI through
 * `npx residue-scan`, `--version`, and `require()` from a CommonJS file.
 */
import { createReadStream, existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { fakeStripeKey } from "./helpers/fake-keys.js";
import { childEnv, packTarball, ROOT, sh } from "./helpers/npm.js";

/** The entry names of a .tgz. */
async function tarNames(file: string): Promise<string[]> {
  const extract = tar.extract();
  createReadStream(file).pipe(createGunzip()).pipe(extract);
  const names: string[] = [];
  for await (const entry of extract) {
    names.push(entry.header.name);
    entry.resume();
  }
  return names;
}

let tmp = "";
let app = "";
let env: NodeJS.ProcessEnv = {};
let names: string[] = [];
const key = fakeStripeKey(17);

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "residue-pack-"));
  env = childEnv(tmp);
  // dist is fresh (`npm test` builds first); prepare's own quietness is the first test below
  const tarball = await packTarball(path.join(tmp, "dest"), env);
  names = await tarNames(tarball);
  app = path.join(tmp, "app");
  await mkdir(path.join(app, "planted"), { recursive: true });
  await writeFile(path.join(app, "package.json"), '{"name":"app","private":true}\n');
  const install = await sh(
    "npm",
    ["install", "--prefer-offline", "--omit=optional", "--no-audit", "--no-fund", tarball],
    app,
    env,
  );
  expect(install.code, install.err.slice(-2000)).toBe(0);
  await writeFile(path.join(app, "planted", "settings.env"), `STRIPE_SECRET_KEY=${key}\n`);
}, 300_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("the npm package residue-scan", () => {
  it("issue 17: npm pack prints only the tarball name, whatever prepare prints (pre-commit < 4.6.2 reads it)", async () => {
    // this repository's .npmrc, on a package whose prepare is as chatty as a build
    const noisy = path.join(tmp, "noisy");
    await mkdir(noisy);
    await cp(path.join(ROOT, ".npmrc"), path.join(noisy, ".npmrc"));
    const script = "node -e \"console.log('compiled 265 rules'); console.error('warning')\"";
    const pkg = { name: "noisy", version: "1.0.0", files: ["index.js"], scripts: { prepare: script } };
    await writeFile(path.join(noisy, "package.json"), JSON.stringify(pkg));
    await writeFile(path.join(noisy, "index.js"), "");
    const r = await sh("npm", ["pack"], noisy, env);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim()).toBe("noisy-1.0.0.tgz");
    const own = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
    expect(own.scripts.prepare).toBeTruthy(); // the build a clone needs is still there
  });

  it("holds what runs: dist without source maps, bin, detectors, LICENSE; no sources or tests", () => {
    for (const want of [
      "LICENSE",
      "README.md",
      "bin/residue.js",
      "dist/index.js",
      "dist/detectors/catalog.json",
      "dist/detectors/catalog-automaton.bin",
      "dist/bundle/main.cjs",
    ])
      expect(names).toContain(`package/${want}`);
    expect(names.some((n) => n.startsWith("package/detectors/") && n.endsWith(".yaml"))).toBe(true);
    expect(names.filter((n) => n.endsWith(".map"))).toEqual([]);
    const outside = names.filter((n) => !/^package\/(dist|bin|detectors|schema)\//.test(n));
    expect(outside.sort()).toEqual(["package/LICENSE", "package/README.md", "package/package.json"]);
  });

  it("npx residue-scan scan finds a planted secret, redacted, with exit status 1", async () => {
    const r = await sh("npx", ["--no-install", "residue-scan", "scan", "planted"], app, env);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain("stripe.");
    expect(r.out).toContain("planted/settings.env:1:");
    expect(r.out + r.err).not.toContain(key);
  });

  it("npx residue-scan --version prints the version", async () => {
    const r = await sh("npx", ["--no-install", "residue-scan", "--version"], app, env);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(VERSION);
  });

  it("require() from a CommonJS file gives the library", async () => {
    const script = `const { scan } = require("residue-scan");
(async () => {
  const run = scan({ targets: ["planted"] });
  const rules = [];
  for await (const f of run) rules.push(f.ruleId);
  console.log(JSON.stringify({ type: typeof scan, rules }));
})();
`;
    await writeFile(path.join(app, "use.cjs"), script);
    const r = await sh(process.execPath, ["use.cjs"], app, env);
    expect(r.code, r.err).toBe(0);
    const got = JSON.parse(r.out) as { type: string; rules: string[] };
    expect(got.type).toBe("function");
    expect(got.rules.some((id) => id.startsWith("stripe."))).toBe(true);
  });

  it("without the optional better-sqlite3, sweep says what to install and exits 2", async () => {
    await writeFile(path.join(app, "sweep.json"), '{"targets":["planted"]}\n');
    const r = await sh("npx", ["--no-install", "residue-scan", "sweep", "-c", "sweep.json"], app, env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^residue: .*better-sqlite3, which is not installed: run `npm install better-sqlite3`/,
    );
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(existsSync(path.join(app, "node_modules", "better-sqlite3"))).toBe(false);
  });
});
