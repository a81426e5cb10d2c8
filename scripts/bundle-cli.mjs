#!/usr/bin/env node
// Part of `npm run build`: bundles the CLI (dist/cli/main.js and what it imports, with its
// pure-JavaScript dependencies) into a few files in dist/bundle/, which bin/residue.js loads when
// they are newer than dist/. Node 20 loads ES modules one file at a time (resolve, read, compile):
// the CLI's 250 modules cost a pre-commit hook more start-up than everything else together.
// Each module keeps its own import.meta.url (rewritten to its dist/ path), so the catalog and the
// hook script are found where they always were; the match pool alone keeps the bundle's, so it
// starts the bundled worker (dist/bundle/worker.js).
import { rmSync } from "node:fs";
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
const bundle = await rolldown({
  // the match worker too: the pool starts ./worker.js beside it (pool.ts keeps its import.meta.url)
  input: { main: path.join(dist, "cli", "main.js"), worker: path.join(dist, "match", "worker.js") },
  platform: "node",
  logLevel: "warn",
  // a module both imported and loaded lazily stays where it is: nothing to warn about
  onLog: (level, log, handler) => log.code !== "INEFFECTIVE_DYNAMIC_IMPORT" && handler(level, log),
  external: (id, importer) =>
    id.startsWith("node:") || (!id.startsWith(".") && !path.isAbsolute(id) && !INLINE.has(pkgName(id)) && !!importer),
  plugins: [
    {
      name: "own-import-meta-url",
      transform(code, id) {
        if (!id.startsWith(dist) || id === POOL || !code.includes("import.meta.url")) return null;
        const rel = path.relative(out, id).split(path.sep).join("/");
        return code.replaceAll("import.meta.url", `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
      },
    },
  ],
});
await bundle.write({ dir: out, format: "esm", entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js" });
await bundle.close();
console.log("bundled the CLI into dist/bundle/");
