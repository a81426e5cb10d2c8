// Loads the bundled CLI (dist/bundle/*.cjs, see scripts/bundle-cli.mjs) with V8's code cache, so a
// start (the pre-commit hook above all) does not parse and compile the same JavaScript each time.
// Node 20 has no cache for modules (module.enableCompileCache is Node 22+), but vm.Script takes
// the bytes V8 saved from an earlier compilation of the same source (`cachedData`). The cache of a
// chunk lives in dist/bundle/code-cache/<V8 version>-<arch>/ and is written once, when missing,
// after a run has compiled what it used; V8 itself rejects bytes from another source, V8 version
// or set of flags (the chunk then compiles as usual). A cache that cannot be written (read-only
// install) is simply not written. NODE_DISABLE_COMPILE_CACHE turns reading and writing off.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

/** The folder of this V8's code cache for a bundle folder. */
export function codeCacheDir(dir) {
  return path.join(dir, "code-cache", `${process.versions.v8}-${process.arch}`);
}

/**
 * Node's own modules that cost a start-up several internal modules each and that many runs never
 * touch (a clean pre-commit hook hashes nothing and starts no thread): a chunk gets a stand-in
 * that loads the module on first use.
 */
const LAZY = new Set([
  "node:crypto",
  "node:worker_threads",
  "node:zlib",
  "node:http",
  "node:https",
  "node:tls",
]);

/** A stand-in for a module, loaded by the first access to it. */
function lazyModule(load) {
  let module;
  const real = () => (module ??= load());
  return new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(real(), key),
      has: (_, key) => Reflect.has(real(), key),
      ownKeys: () => Reflect.ownKeys(real()),
      // reported configurable: the stand-in itself has no property a proxy could contradict
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(real(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** The cached bytes of a chunk, or undefined. */
function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Loads `<dir>/main.cjs` and the chunks it requires. Returns main's exports, what each chunk's
 * cache did (`used`, `rejected`, `none`) and save(), which writes the missing caches.
 */
export function loadBundle(dir, { cache = true } = {}) {
  const where = codeCacheDir(dir);
  const outside = createRequire(path.join(dir, "main.cjs"));
  const modules = new Map();
  const status = {};
  const stand = new Map();
  const lazy = (id) =>
    stand.get(id) ??
    stand
      .set(
        id,
        lazyModule(() => outside(id)),
      )
      .get(id);
  const unsaved = [];
  const load = (file) => {
    const known = modules.get(file);
    if (known) return known.exports;
    const module = { exports: {} };
    modules.set(file, module);
    const name = path.basename(file);
    const cacheFile = path.join(where, `${name}.bin`);
    const cachedData = cache ? readCache(cacheFile) : undefined;
    // the wrapper Node gives a CommonJS file; import() of a dependency goes to Node's own loader
    const script = new vm.Script(
      `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`,
      { filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER },
    );
    status[name] = !cachedData ? "none" : script.cachedDataRejected ? "rejected" : "used";
    if (!cachedData) unsaved.push([script, cacheFile]);
    const require = (id) =>
      id.startsWith("./") ? load(path.join(dir, id)) : LAZY.has(id) ? lazy(id) : outside(id);
    script.runInThisContext()(module.exports, require, module, file, dir);
    return module.exports;
  };
  const exports = load(path.join(dir, "main.cjs"));
  const save = () => {
    if (!cache || !unsaved.length) return;
    try {
      mkdirSync(where, { recursive: true });
    } catch {
      return; // a read-only install: nothing to save
    }
    for (const [script, file] of unsaved.splice(0)) {
      // whole files only: a concurrent run reads the old file or the new one, never half of one
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, file);
      } catch {
        rmSync(tmp, { force: true });
      }
    }
  };
  return { exports, status, save };
}
