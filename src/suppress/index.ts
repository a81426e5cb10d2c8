/**
 * Suppression for a scan: `residue:allow` comments, the ignore file (`--ignore-file`, default
 * `.residueignore` in the working directory when present) and `--baseline`. They run as scan
 * filters, so a suppressed finding is never reported nor counted.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { CliIO } from "../cli/io.js";
import { UsageError } from "../errors.js";
import type { FindingFilter } from "../scan.js";
import { allowCommentFilter } from "./allow.js";
import { baselineFilter } from "./baseline.js";
import { ignoreFileFilter } from "./ignore-file.js";

/** The default ignore file, looked up in the working directory. */
export const DEFAULT_IGNORE_FILE = ".residueignore";

/** Builds the scan filters from the CLI options (`ignoreFile`, `baseline`). */
export async function suppressionFilters(opts: Record<string, unknown>, io: CliIO): Promise<FindingFilter[]> {
  const filters: FindingFilter[] = [allowCommentFilter];
  const given = opts.ignoreFile as string | undefined;
  const ignore = path.resolve(io.cwd, given ?? DEFAULT_IGNORE_FILE);
  if (given !== undefined || existsSync(ignore)) {
    try {
      filters.push(await ignoreFileFilter(ignore));
    } catch (err) {
      throw new UsageError(
        `--ignore-file ${given ?? DEFAULT_IGNORE_FILE}: cannot read it (${(err as Error).message})`,
      );
    }
  }
  if (typeof opts.baseline === "string")
    filters.push(await baselineFilter(path.resolve(io.cwd, opts.baseline)));
  return filters;
}
