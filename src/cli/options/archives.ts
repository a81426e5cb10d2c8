/** `residue scan` options for the archives area (issue #5). Values reach sources as ctx.options.<camelCaseName>. */
import type { Command } from "commander";
import { DEFAULT_LIMITS, DEFAULT_MAX_HAR_BYTES, parseSize } from "../../content/archive-limits.js";
import { UsageError } from "../../errors.js";

const size = (flag: string) => (v: string) => {
  const n = parseSize(v);
  if (n === undefined)
    throw new UsageError(`${flag}: expected a positive size such as 500M or 4G, got "${v}"`);
  return n;
};

const number = (flag: string, min: number) => (v: string) => {
  const n = Number(v);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(v) || !(n >= min))
    throw new UsageError(`${flag}: expected a number of at least ${min}, got "${v}"`);
  return n;
};

const mib = (n: number) => `${Math.round(n / 1024 ** 2)}M`;

/** Adds this area's options to the scan command. */
export function addArchivesOptions(cmd: Command): Command {
  return cmd
    .option(
      "--max-archive-bytes <size>",
      `stop an archive that expands past this many bytes (default ${mib(DEFAULT_LIMITS.maxBytes)})`,
      size("--max-archive-bytes"),
    )
    .option(
      "--max-archive-ratio <n>",
      `stop an archive that expands more than n times its size (default ${DEFAULT_LIMITS.maxRatio})`,
      number("--max-archive-ratio", 1),
    )
    .option(
      "--max-archive-entries <n>",
      `stop an archive with more members than this (default ${DEFAULT_LIMITS.maxEntries})`,
      size("--max-archive-entries"),
    )
    .option(
      "--max-archive-depth <n>",
      `open archives nested up to this depth; 0 opens none (default ${DEFAULT_LIMITS.maxDepth})`,
      number("--max-archive-depth", 0),
    )
    .option(
      "--max-har-bytes <size>",
      `largest HAR file read (default ${mib(DEFAULT_MAX_HAR_BYTES)})`,
      size("--max-har-bytes"),
    );
}
