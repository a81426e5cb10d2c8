/** `residue scan` options for the git area (issue #3). Values reach sources as ctx.options.<camelCaseName>. */
import { type Command, InvalidArgumentError } from "commander";

/** Checks `--range A..B` (or A...B) without letting a value pass for a git option. */
export function parseRange(v: string): string {
  if (v.startsWith("-") || !/^[^\s.][^\s]*\.\.\.?[^\s.][^\s]*$/.test(v))
    throw new InvalidArgumentError(`expected A..B (two revisions, e.g. origin/main..HEAD), got "${v}"`);
  return v;
}

/** Checks `--since DATE`: anything git understands, but never an option. */
export function parseSince(v: string): string {
  if (!v.trim() || v.startsWith("-"))
    throw new InvalidArgumentError(`expected a date (2024-01-31, "2 weeks ago"), got "${v}"`);
  return v;
}

/** Adds this area's options to the scan command. */
export function addGitOptions(cmd: Command): Command {
  return cmd
    .option("--unreachable", "git: also scan blobs no ref reaches (reset, amended or dropped commits)")
    .option("--since <date>", "git: only blobs introduced by commits after this date", parseSince)
    .option("--range <A..B>", "git: only blobs introduced by the commits of this range", parseRange)
    .option(
      "--full-files",
      "git-staged: report pattern findings in the whole staged file, not only added lines",
    );
}
