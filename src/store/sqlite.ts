/**
 * better-sqlite3 is an optional dependency: only sweep and report need it, and a native module
 * must not make every install (or a pre-commit hook's) build C++. It is loaded here on first use,
 * and its absence, or a binary built for another Node, is one clear line instead of a stack.
 */
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { reasonOf } from "../errors.js";
import { StoreError } from "./error.js";

/** The constructor of better-sqlite3's Database. */
export type SqliteDatabase = typeof BetterSqlite3;

let loaded: Promise<SqliteDatabase> | undefined;

/**
 * better-sqlite3 12 wraps its objects with Node's legacy ObjectWrap, whose finalizers abort Node 24
 * at exit ("Assertion failed: (env) != nullptr", nodejs/node#65446); 13 (node-addon-api, prebuilt
 * in the package) does not, but needs Node 22 and crashes on 20. Both are optional dependencies,
 * 13 under the alias better-sqlite3-napi: each Node loads the one that runs on it.
 */
function moduleName(): string {
  const major = Number(process.versions.node.split(".")[0]);
  return major >= 22 && napiInstalled() ? "better-sqlite3-napi" : "better-sqlite3";
}

/** Whether the node-addon-api build is installed beside this package. */
function napiInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve("better-sqlite3-napi");
    return true;
  } catch {
    return false;
  }
}

/** The error a missing or unusable module becomes. */
function unavailable(err: unknown): StoreError {
  const code = (err as { code?: string } | null)?.code;
  const why =
    code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND"
      ? "is not installed"
      : `cannot be loaded (${reasonOf(err).split("\n")[0]})`;
  return new StoreError(
    `sweep and report keep their store in SQLite through the optional module better-sqlite3, which ${why}: ` +
      "run `npm install better-sqlite3` where residue is installed (it builds from source when no prebuilt binary fits)",
    { cause: err },
  );
}

/** Loads better-sqlite3 and checks that its native binding opens a database; throws StoreError. */
export function loadSqlite(): Promise<SqliteDatabase> {
  loaded ??= (async () => {
    let Database: SqliteDatabase;
    try {
      // required, not imported: better-sqlite3 is CommonJS, and the bundled CLI has no import()
      Database = createRequire(import.meta.url)(moduleName()) as SqliteDatabase;
    } catch (err) {
      throw unavailable(err);
    }
    try {
      // the binding is only loaded by the first constructor call: a wrong ABI shows up here
      new Database(":memory:").close();
    } catch (err) {
      throw unavailable(err);
    }
    return Database;
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}
