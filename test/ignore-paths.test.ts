/**
 * `--exclude` and the ignore files apply to every source whose items have paths (issue 13): a
 * folder honours `.gitignore` / `.ignore` at any depth, git history the root `.gitignore` at HEAD;
 * `--no-ignore` reads them anyway; `--exclude` (gitignore syntax) always applies.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pickSourceOptions } from "../src/cli/options/sources.js";
import { scan } from "../src/scan.js";
import type { SourceOptions } from "../src/sources/registry.js";
import { fakeSecret, useTempRepos } from "./git-repo.js";
import { literalMatcher } from "./helpers/literal-matcher.js";
import { writeZip } from "./helpers/zip-writer.mjs";

const secret = fakeSecret("ignore-paths");

async function paths(target: string, options: SourceOptions = {}): Promise<string[]> {
  const run = scan({ targets: [target], matcher: literalMatcher({ k: secret }), workers: 0, ...options });
  const out: string[] = [];
  for await (const f of run) out.push(String(f.provenance.path));
  expect(run.errors).toEqual([]);
  return out.map((p) => p.split(path.sep).join("/")).sort();
}

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-ignore-"));
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  put(".gitignore", "dist/\n/node_modules\n");
  put("dist/app.env", `K=${secret}\n`);
  put("node_modules/pkg/index.js", `k="${secret}"\n`);
  put("src/keep.env", `K=${secret}\n`);
  put("src/gen/.ignore", "*.snap\n");
  put("src/gen/a.snap", `${secret}\n`);
  put("logs/run.log", `${secret}\n`);
  return dir;
}

describe("paths a folder scan skips", () => {
  it("honours .gitignore and nested .ignore files, and --exclude", async () => {
    const dir = folder();
    const shown = (ps: string[]) => ps.map((p) => path.relative(dir, p).split(path.sep).join("/"));
    expect(shown(await paths(dir))).toEqual(["logs/run.log", "src/keep.env"]);
    expect(shown(await paths(dir, { exclude: ["*.log"] }))).toEqual(["src/keep.env"]);
  });

  it("reads what they list with --no-ignore; --exclude still applies", async () => {
    const dir = folder();
    const shown = (ps: string[]) => ps.map((p) => path.relative(dir, p).split(path.sep).join("/"));
    expect(shown(await paths(dir, { noIgnore: true, exclude: ["logs/"] }))).toEqual([
      "dist/app.env",
      "node_modules/pkg/index.js",
      "src/gen/a.snap",
      "src/keep.env",
    ]);
  });

  it("applies --exclude to the members of an archive", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-ignore-"));
    writeZip(path.join(dir, "bundle.zip"), {
      "inner/.env": `K=${secret}\n`,
      "inner/build.log": `${secret}\n`,
    });
    const shown = (ps: string[]) => ps.map((p) => path.relative(dir, p).split(path.sep).join("/"));
    expect(shown(await paths(dir))).toEqual(["bundle.zip!inner/.env", "bundle.zip!inner/build.log"]);
    expect(shown(await paths(dir, { exclude: ["*.log"] }))).toEqual(["bundle.zip!inner/.env"]);
  });

  it("maps the --no-ignore flag to the library's noIgnore", () => {
    expect(pickSourceOptions({ ignore: false })).toEqual({ noIgnore: true });
    expect(pickSourceOptions({ ignore: true })).toEqual({});
  });
});

describe("paths a git history scan skips", () => {
  const repo = useTempRepos();

  it("honours --exclude and the .gitignore at HEAD, for files committed before it", async () => {
    const r = await repo();
    await r.write("dist/app.env", `K=${secret}\n`);
    await r.write("src/copy.env", `K=${secret}\n`); // the same blob, at a path that is not skipped
    await r.write("src/keep.env", `KEEP=${secret}\n`);
    await r.write("logs/run.log", `${secret}\n`);
    await r.commit("build output committed by mistake");
    await r.write(".gitignore", "dist/\n");
    await r.commit("ignore dist");
    const target = `git:${r.dir}`;
    expect(await paths(target)).toEqual(["logs/run.log", "src/copy.env", "src/keep.env"]);
    expect(await paths(target, { exclude: ["*.log"] })).toEqual(["src/copy.env", "src/keep.env"]);
    // one blob is read once, under the first path it is met at
    expect(await paths(target, { noIgnore: true })).toEqual(["dist/app.env", "logs/run.log", "src/keep.env"]);
  });
});
