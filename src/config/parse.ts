/**
 * Validating a configuration file's content against its schema, loaded only when a file was
 * found (building the zod schemas costs every scan's start-up otherwise).
 */
import path from "node:path";
import { ConfigError } from "../errors.js";
import { configPath } from "../sweep/config.js";
import type { ResidueConfig } from "./load.js";
import { ConfigSchema } from "./schema.js";

/** Validates a parsed configuration; ConfigError names the key of each fault. */
export function parseConfig(raw: unknown, file: string): ResidueConfig {
  const res = ConfigSchema.safeParse(raw);
  if (!res.success) {
    const lines = res.error.issues.map((i) => {
      const keys = i.code === "unrecognized_keys" ? i.keys : [];
      if (keys.length) return `${configPath([...i.path, keys[0]!])}: unknown key`;
      return `${configPath(i.path)}: ${i.message}`;
    });
    throw new ConfigError(`${file}: ${lines.join("; ")}`);
  }
  const { $schema: _, ...c } = res.data;
  const dir = path.dirname(file);
  const here = (p: string) => path.resolve(dir, p);
  return {
    ...c,
    file,
    ...(c.manifests && { manifests: c.manifests.map(here) }),
    ...(c.output && { output: here(c.output) }),
    // a path target is relative to the file; a prefixed one (git:, slack:, ...) is kept
    ...(c.targets && { targets: c.targets.map((t) => (/^[a-z][\w-]*:/.test(t) ? t : here(t))) }),
  };
}
