/**
 * One writer at a time per manifest: `add` and `remove` read, change and rewrite the file, so two
 * at once would each drop the other's entries. proper-lockfile takes an exclusive lock folder
 * beside the manifest (`FILE.lock`), waits its turn with backoff, and treats a lock whose holder
 * stopped refreshing it (a killed process) as stale after a few seconds.
 */
import lockfile from "proper-lockfile";
import { ManifestError } from "../errors.js";

const RETRIES = { retries: 600, factor: 1.3, minTimeout: 10, maxTimeout: 200, randomize: true };

/** Runs `fn` holding the manifest's lock; throws ManifestError when the lock cannot be had. */
export async function withManifestLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      lockfilePath: `${file}.lock`,
      stale: 10_000,
      update: 2_000,
      retries: RETRIES,
      // a lock lost mid-write (clock jump, folder removed) is reported by the write itself
      onCompromised: () => {},
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ManifestError(
      `${file}: cannot lock it for writing (${code === "ELOCKED" ? "another residue holds it" : (code ?? String(err))})`,
    );
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}
