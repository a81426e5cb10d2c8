/** The store's error class. */
import { ResidueError } from "../errors.js";

/** A store that cannot be opened, is locked, or has a newer schema. Exit status 2. */
export class StoreError extends ResidueError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("store", message, options);
  }
}

/** SQLite's codes for a file that is not a store, or a store whose pages are damaged. */
const DAMAGED = /^SQLITE_(CORRUPT|NOTADB)/;
/** Codes that come from the file system around the store: permissions, space, disk. */
const FILE_SYSTEM = /^SQLITE_(READONLY|CANTOPEN|FULL|IOERR|PERM)/;

/**
 * The error to show for a failure SQLite raised while using the store at `file`: one line that
 * names the file and says what to do (issue 16: "internal error: database disk image is
 * malformed" named neither). Errors that do not come from SQLite are returned unchanged.
 */
export function storeFailure(file: string, err: unknown): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return err;
  const reason = err instanceof Error ? err.message : code;
  const todo = DAMAGED.test(code)
    ? "the store is damaged or not a residue store; move it aside and sweep again to start a new one (every copy then shows as new), or restore it from a backup"
    : FILE_SYSTEM.test(code)
      ? "check the file's permissions and the free space of its disk"
      : code.startsWith("SQLITE_BUSY")
        ? "another residue holds it; wait for it to finish"
        : "the store could not be used";
  return new StoreError(`${file}: ${reason}: ${todo}`, { cause: err });
}
