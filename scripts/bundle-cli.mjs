#!/usr/bin/env node
// Part of `npm run build`: bundles the CLI (dist/cli/main.js and what it imports, with its
// pure-JavaScript dependencies) into a few CommonJS files in dist/bundle/, which bin/residue.js
// loads with V8's code cache (bin/bundle-loader.js) when they are newer than dist/. Node 20 loads
// ES modules one file at a time (resolve, read, compile): the CLI's 250 modules cost a pre-commit
// hook more start-up than everything else together.
// Each module keeps its own import.meta.url (rewritten to its dist/ path), so the catalog and the
// hook script are found where they always were; the match pool alone gets the bundle folder's, so
// it starts the bundled worker (dist/bundle/worker.js, ES modules: a worker is started by Node's
// own loader).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const dist = path.join(root, "dist");
const out = path.join(dist, "bundle");
/** Dependencies bundled in: plain JavaScript without files of their own to find. */
const INLINE = new Set(["zod", "commander", "yaml", "picomatch", "ignore", "picocolors", "lilconfig"]);
const POOL = path.join(dist, "match", "pool.js");
const pkgName = (id) => (id.startsWith("@") ? id.split("/").slice(0, 2).join("/") : id.split("/")[0]);

rmSync(out, { recursive: true, force: true }); // chunks are content-named: old ones would pile up

/** Rewrites each module's import.meta.url to its dist/ file's, found from `base` (the chunk's URL). */
const ownImportMetaUrl = (base, poolAt) => ({
  name: "own-import-meta-url",
  transform(code, id) {
    if (!id.startsWith(dist) || !code.includes("import.meta.url")) return null;
    if (id === POOL && !poolAt) return null;
    const rel = path.relative(out, id === POOL ? poolAt : id).split(path.sep).join("/");
    return code.replaceAll("import.meta.url", `new URL(${JSON.stringify(rel)}, ${base}).href`);
  },
});

/** Bundles one entry point. */
async function bundle(input, format, base, poolAt) {
  const build = await rolldown({
    input,
    platform: "node",
    logLevel: "warn",
    // a module both imported and loaded lazily stays where it is: nothing to warn about
    onLog: (level, log, handler) => log.code !== "INEFFECTIVE_DYNAMIC_IMPORT" && handler(level, log),
    external: (id, importer) =>
      id.startsWith("node:") || (!id.startsWith(".") && !path.isAbsolute(id) && !INLINE.has(pkgName(id)) && !!importer),
    plugins: [ownImportMetaUrl(base, poolAt)],
  });
  const ext = format === "cjs" ? "cjs" : "js";
  await build.write({
    dir: out,
    format,
    entryFileNames: `[name].${ext}`,
    chunkFileNames: `[name]-[hash].${ext}`,
    // an import() in code compiled by vm.Script from a code cache has no loader on Node 20 ("A
    // dynamic import callback was not specified"): the CommonJS chunks require their dependencies
    ...(format === "cjs" && { dynamicImportInCjs: false }),
  });
  await build.close();
}

// the match worker, as ES modules: the pool starts ./worker.js from the bundle folder
await bundle({ worker: path.join(dist, "match", "worker.js") }, "esm", "import.meta.url");
// the CLI as CommonJS chunks that bin/bundle-loader.js compiles with V8's code cache; its pool
// looks for the worker in this folder too
await bundle(
  { main: path.join(dist, "cli", "main.js") },
  "cjs",
  'require("node:url").pathToFileURL(__filename)',
  path.join(out, "pool.js"),
);

// a first pre-commit-hook-like run saves the code cache of what a hook compiles (more than the
// top level of each chunk), so the first real run starts warm too; without git, a folder scan
const work = mkdtempSync(path.join(tmpdir(), "residue-build-"));
try {
  writeFileSync(path.join(work, "settings.env"), "LOG_LEVEL=info\n");
  const git = (...args) => spawnSync("git", args, { cwd: work, stdio: "ignore" }).status === 0;
  const target = git("init", "-q") && git("add", "settings.env") ? "git-staged:." : ".";
  const bin = path.join(root, "bin", "residue.js");
  spawnSync(process.execPath, [bin, "scan", target, "--workers", "0"], { cwd: work, stdio: "ignore" });
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log("bundled the CLI into dist/bundle/");
