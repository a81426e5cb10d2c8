#!/usr/bin/env node
// The only file that touches `process`: it builds the IO and sets the exit status.
// It loads the bundled CLI (dist/bundle/, see scripts/bundle-cli.mjs) unless dist/ was compiled
// after it, e.g. by a bare `tsc`: a stale bundle must never run instead of the code just built.
import { statSync } from "node:fs";

const at = (p) => new URL(p, import.meta.url);
const mtime = (p) => statSync(at(p), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime("../dist/bundle/main.js") >= mtime("../dist/cli/main.js");
const { run } = await import(bundled ? "../dist/bundle/main.js" : "../dist/cli/main.js");

const ac = new AbortController();
const interrupted = new Promise((resolve) => {
  process.once("SIGINT", () => {
    ac.abort();
    resolve();
  });
});
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
});
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  interrupted,
});
