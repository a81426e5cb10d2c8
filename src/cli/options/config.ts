/**
 * `--config FILE` and `--no-config` for `residue scan`, and how a configuration file's settings
 * meet the command line: a flag given on the command line wins; a setting left at its default
 * takes the file's value; `exclude` globs add up.
 */
import { statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { findConfig, loadConfig, type ResidueConfig } from "../../config/load.js";
import type { CliIO } from "../io.js";

/** Adds --config and --no-config to a command. */
export function addConfigOptions(cmd: Command): Command {
  return cmd
    .option(
      "--config <file>",
      "the configuration file (default: residue.config.yaml or .residue.yaml, looked up from the target)",
    )
    .option("--no-config", "read no configuration file");
}

/** Whether a target names a path (not `-`, not `git:…`, `slack:…`). */
function isPathTarget(t: string): boolean {
  return t !== "-" && !/^[a-z][\w-]*:/.test(t);
}

/** The configuration for this run: the one named, or the nearest above the first path target (or the cwd). */
export async function configFor(
  targets: string[],
  opts: Record<string, unknown>,
  io: CliIO,
): Promise<ResidueConfig | undefined> {
  if (opts.config === false) return undefined;
  if (typeof opts.config === "string") return loadConfig(path.resolve(io.cwd, opts.config));
  const first = targets.find(isPathTarget);
  let from = io.cwd;
  if (first) {
    const abs = path.resolve(io.cwd, first);
    from = statSync(abs, { throwIfNoEntry: false })?.isDirectory() ? abs : path.dirname(abs);
  }
  return findConfig(from);
}

/** Sets the options the command line left at their defaults from the configuration. */
export function mergeConfig(cmd: Command, config: ResidueConfig, opts: Record<string, unknown>): void {
  const unset = (key: string) => {
    const source = cmd.getOptionValueSource(key);
    return source === undefined || source === "default";
  };
  const take = (key: string, value: unknown) => {
    if (value !== undefined && unset(key)) opts[key] = value;
  };
  take("rules", Array.isArray(config.rules) ? config.rules.join(",") : config.rules);
  take("manifest", config.manifests);
  take("minConfidence", config.minConfidence);
  take("format", config.format);
  take("output", config.output);
  if (config.exclude) opts.exclude = [...((opts.exclude as string[] | undefined) ?? []), ...config.exclude];
}
