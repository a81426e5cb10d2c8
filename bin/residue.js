#!/usr/bin/env node
// The only file that touches `process`: it builds the IO and sets the exit status.
// It loads the bundled CLI (dist/bundle/, see scripts/bundle-cli.mjs, with V8's code cache: see
// bundle-loader.js) unless dist/ was compiled after it, e.g. by a bare `tsc`: a stale bundle must
// never run instead of the code just built.
import { statSync } from "node:fs";
import module from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The user's cache folder for residue (XDG_CACHE_HOME, the platform's, or ~/.cache). */
function cacheDir(env) {
  const home = env.HOME || homedir();
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === "win32" && env.LOCALAPPDATA) ||
    (process.platform === "darwin" ? path.join(home, "Library", "Caches") : path.join(home, ".cache"));
  return path.join(base, "residue", "compile-cache");
}

// Node 22.1+ keeps V8's compiled code of our modules on disk and reuses it while the files are
// unchanged (checksummed entries, written by each process for itself: concurrent runs are safe).
// NODE_COMPILE_CACHE picks the folder and NODE_DISABLE_COMPILE_CACHE turns it off, as for any Node
// program. Node 20 has no such call: it compiles every start.
if (typeof module.enableCompileCache === "function" && !process.env.NODE_DISABLE_COMPILE_CACHE)
  module.enableCompileCache(process.env.NODE_COMPILE_CACHE ? undefined : cacheDir(process.env));

const at = (p) => new URL(p, import.meta.url);
const mtime = (p) => statSync(at(p), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime("../dist/bundle/main.cjs") >= mtime("../dist/cli/main.js");
const bundle = bundled
  ? (await import("./bundle-loader.js")).loadBundle(fileURLToPath(at("../dist/bundle/")), {
      cache: !process.env.NODE_DISABLE_COMPILE_CACHE,
    })
  : undefined;
const { run } = bundle?.exports ?? (await import("../dist/cli/main.js"));

// Ctrl-C settles `interrupted` (commands that stop gracefully await it). No AbortController here:
// nothing read its signal, and creating one loads Node's EventTarget code at every start.
const interrupted = new Promise((resolve) => {
  process.once("SIGINT", () => resolve());
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
bundle?.save(); // after the run: the cache then holds the functions it compiled, not only the top level
