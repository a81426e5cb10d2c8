#!/usr/bin/env node
// npm run bench: runs every bench/*.bench.mjs in turn (each prints its own figures), after a build.
// Pass names to run some: npm run bench -- known git
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const parts = readdirSync(here)
  .filter((f) => f.endsWith(".bench.mjs"))
  .sort()
  .filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)));
let failed = 0;
for (const part of parts) {
  console.log(`\n## ${part.replace(".bench.mjs", "")}`);
  const r = spawnSync(process.execPath, ["--expose-gc", path.join(here, part)], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
