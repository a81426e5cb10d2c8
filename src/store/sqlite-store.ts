/** The SQLite store (the embedded default) behind the SweepStore interface. */

import type { Store } from "./index.js";
import { lockStore } from "./lock.js";
import type { SweepStore } from "./store.js";

/** Wraps an open SQLite store (synchronous better-sqlite3) as a SweepStore. */
export function sqliteSweepStore(store: Store): SweepStore {
  const { writer: w, reader: r } = store;
  return {
    location: store.file,
    lock: async () => {
      const release = lockStore(store.file);
      return async () => release();
    },
    startRun: async (config) => w.startRun(config),
    startTarget: async (run, target) => w.startTarget(run, target),
    write: async (run, batch) => w.write(run, batch),
    finishTarget: async (run, t, errors, gone) => w.finishTarget(run, t, errors, gone),
    saveSecrets: async (run, secrets) => w.saveSecrets(run, secrets),
    finishRun: async (run, status) => w.finishRun(run, status),
    cursor: async (target) => w.cursor(target),
    targets: async (run) => r.targets(run),
    counts: async (run) => r.counts(run),
    report: async (id) => {
      const run = r.run(id);
      return run && { run, copies: r.copies(run.id), reader: r };
    },
    close: async () => store.close(),
  };
}
