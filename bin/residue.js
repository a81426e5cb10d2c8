#!/usr/bin/env node
// The only file that touches `process`: it builds the IO and sets the exit status.
import { run } from "../dist/cli/main.js";

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
