/**
 * Finds and reads the configuration file: `residue.config.yaml`, `residue.config.yml`,
 * `.residue.yaml` or `.residue.yml`, in the target's folder or the nearest folder above it
 * (lilconfig's search). Errors name the file and the key at fault (ConfigError, exit 2).
 */
import path from "node:path";
import { lilconfig } from "lilconfig";
import { ConfigError, reasonOf } from "../errors.js";
import type { ConfigInput } from "./schema.js";

/** The file names looked for, in this order, in each folder. */
export const CONFIG_FILES = ["residue.config.yaml", "residue.config.yml", ".residue.yaml", ".residue.yml"];

/** A configuration file, validated, with its paths made absolute. */
export interface ResidueConfig extends Omit<ConfigInput, "$schema"> {
  /** The file it was read from. */
  file: string;
}

/** Parses a YAML file; the parser is loaded only when there is a file (start-up of every scan). */
async function yamlLoader(file: string, content: string): Promise<unknown> {
  const { parse } = await import("yaml");
  try {
    return parse(content) ?? {};
  } catch (err) {
    // the parser's message carries a code frame of the file (maybe a secret): its first line only
    throw new ConfigError(`${file}: not valid YAML: ${reasonOf(err).split("\n")[0]}`);
  }
}

const explorer = () =>
  lilconfig("residue", {
    searchPlaces: CONFIG_FILES,
    loaders: { ".yaml": yamlLoader, ".yml": yamlLoader },
    stopDir: path.parse(process.cwd()).root,
  });

/** Validates a parsed configuration (the schema loads only when there is a file to check). */
async function parsed(raw: unknown, file: string): Promise<ResidueConfig> {
  const { parseConfig } = await import("./parse.js");
  return parseConfig(raw, file);
}

/** The configuration found from `from` upwards, or undefined when there is none. */
export async function findConfig(from: string): Promise<ResidueConfig | undefined> {
  let found: { filepath: string; config: unknown } | null;
  try {
    found = await explorer().search(from);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`configuration file near ${from}: ${reasonOf(err)}`);
  }
  return found ? parsed(found.config, found.filepath) : undefined;
}

/** Reads the configuration file at `file` (as `--config FILE` names it). */
export async function loadConfig(file: string): Promise<ResidueConfig> {
  let found: { filepath: string; config: unknown } | null;
  try {
    found = await explorer().load(file);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `${file}: cannot read the configuration: ${code === "ENOENT" ? "no such file" : reasonOf(err)}`,
    );
  }
  return parsed(found?.config ?? {}, file);
}
