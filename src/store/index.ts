/**
 * The sweep store: SQLite through better-sqlite3, an optional dependency loaded lazily (sqlite.ts)
 * so that `residue scan` never pays for the native module. WAL mode, so a reader (`residue
 * report`) never blocks a sweep and a killed sweep loses at most the transaction in flight. Versioned migrations (schema.ts).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { reasonOf } from "../errors.js";
import { StoreError, storeFailure } from "./error.js";
import { StoreReader } from "./reader.js";
import { MIGRATIONS } from "./schema.js";
import { loadSqlite } from "./sqlite.js";
import { StoreWriter } from "./writer.js";

export { StoreError, storeFailure } from "./error.js";
export { lockStore } from "./lock.js";
export type { CopyRow, HistoryPoint, RunInfo, RunTargetRow, StoreReader } from "./reader.js";
export type { ReportReader, RunReport, SweepStore } from "./store.js";
export type { Batch, GoneScope, RunHandle } from "./writer.js";

/** The default store, relative to the working directory. */
export const DEFAULT_DB = ".residue/residue.db";

/** An open store: the writer (sweeps) and the reader (reports) over one connection. */
export interface Store {
  readonly file: string;
  readonly writer: StoreWriter;
  readonly reader: StoreReader;
  close(): void;
}

/** Applies the migrations the database does not have yet, each in its own transaction. */
export function migrate(db: BetterSqlite3.Database): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length)
    throw new StoreError(
      `store schema version ${current} is newer than this residue knows (${MIGRATIONS.length})`,
    );
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return MIGRATIONS.length;
}

/** Opens (creating if asked) the store at `file`; throws StoreError with one clear line. */
export async function openStore(file: string, opts: { create?: boolean } = {}): Promise<Store> {
  const Database = await loadSqlite();
  if (opts.create !== false) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: BetterSqlite3.Database;
  try {
    db = new Database(file, { fileMustExist: opts.create === false });
    db.pragma("journal_mode = WAL");
    // NORMAL is durable against a killed process (not a power cut) and keeps commits cheap
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    const failure = storeFailure(file, err);
    if (failure !== err) throw failure;
    throw new StoreError(`${file}: cannot open the store: ${reasonOf(err)}`, { cause: err });
  }
  return {
    file,
    writer: new StoreWriter(db),
    reader: new StoreReader(db),
    close: () => db.close(),
  };
}
