/**
 * Suppression for a scan: `residue:allow` comments, the ignore file (`--ignore-file`, default
 * `.residueignore` in the working directory when present) and `--baseline`. They run as scan
 * filters, so a suppressed finding is never reported nor counted.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { FindingFilter } from "../scan.js";
import { allowCommentFilter } from "./allow.js";
import { baselineFilter } from "./baseline.js";
import { ignoreFileFilter } from "./ignore-file.js";

/** The default ignore file, looked up in the working directory. */
export const DEFAULT_IGNORE_FILE = ".residueignore";

/** Where suppression is read from; relative paths are against `cwd`. */
export interface SuppressionOptions {
  /** The working folder: the default ignore file is looked up there (default: process.cwd()). */
  cwd?: string;
  /** An ignore file that must exist (default: `.residueignore` in `cwd`, when present). */
  ignoreFile?: string;
  /** A baseline file (`writeBaseline`): only findings it lacks are reported. */
  baseline?: string;
}

/** The scan filters of `residue:allow` comments, the ignore file and a baseline. */
export async function suppressionFilters(o: SuppressionOptions = {}): Promise<FindingFilter[]> {
  const cwd = o.cwd ?? process.cwd();
  const filters: FindingFilter[] = [allowCommentFilter];
  const given = o.ignoreFile;
  const ignore = path.resolve(cwd, given ?? DEFAULT_IGNORE_FILE);
  if (given !== undefined || existsSync(ignore)) {
    try {
      filters.push(await ignoreFileFilter(ignore));
    } catch (err) {
      throw new UsageError(
        `--ignore-file ${given ?? DEFAULT_IGNORE_FILE}: cannot read it (${(err as Error).message})`,
      );
    }
  }
  if (o.baseline !== undefined) filters.push(await baselineFilter(path.resolve(cwd, o.baseline)));
  return filters;
}
