/**
 * `-o FILE` is checked before anything is read: a scan of hours must not end with a report that
 * cannot be written (issue 16). The folder is created as the report will need it.
 */
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";

/** Why a path cannot take the report, in words. */
function whyNot(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EEXIST" || code === "ENOTDIR") return "a part of the path is a file, not a folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "the file system is read-only";
  return (err as Error).message;
}

/** Throws a one-line UsageError when the report could not be written to `file`. */
export function checkOutputPath(shown: string, file: string): void {
  const fail = (why: string) => new UsageError(`--output ${shown}: cannot write the report there: ${why}`);
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw fail(whyNot(err));
  }
  let isDir = false;
  try {
    isDir = statSync(file).isDirectory();
    if (!isDir) accessSync(file, constants.W_OK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw fail(whyNot(err));
  }
  if (isDir) throw fail("it is a folder");
}
