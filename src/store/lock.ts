/**
 * One sweep at a time per store: a lock file beside the database holding the sweep's pid. A lock
 * left by a sweep that was killed (its pid is gone) is taken over, so `kill -9` never wedges the
 * nightly job; a live one is an error, since two sweeps would interleave in one run.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { StoreError } from "./error.js";

/** Whether a process with that pid exists. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock of a store; returns its release. Throws StoreError when a live sweep holds it. */
export function lockStore(dbFile: string): () => void {
  const file = `${dbFile}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (pid && pid !== process.pid && isAlive(pid))
        throw new StoreError(`${dbFile}: another sweep (pid ${pid}) is running on this store`);
      rmSync(file, { force: true }); // stale: its sweep was killed
    }
  }
  throw new StoreError(`${dbFile}: cannot take the lock ${file}`);
}
