/**
 * The sweep config: a JSON file with a `$schema`, validated with zod. Errors name the file and
 * the config path of the fault (`targets[2].options: expected an object`). Paths in it (targets,
 * manifests, db) are relative to the config file, so a cron job can run it from anywhere.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { manifestsField, rulesField } from "../config/schema.js";
import { contentFields } from "../content/options.js";
import { ConfigError, ResidueError, reasonOf } from "../errors.js";
import { maskUrls } from "../mask-url.js";
import { descriptors, sourceOptionFields } from "../sources/registry.js";
import { absoluteTarget, parseTarget } from "../sources/target.js";

/** Every option a target may take: the content's and every source's (each source checks its own). */
function targetOptions() {
  const shape: Record<string, z.ZodType> = { ...contentFields };
  for (const [key, { schema, prefixes }] of sourceOptionFields())
    shape[key] = schema.describe(`${prefixes.join(", ")}: ${schema.description ?? key}`);
  return z.object(shape).strict();
}

const TargetObject = z
  .object({
    target: z
      .string()
      .min(1)
      .describe(`a target: ${descriptors.map((d) => d.usage).join(" | ")}`),
    options: targetOptions()
      .optional()
      .describe("options for this target only, as the library takes them (exclude, since, ...)"),
  })
  .strict();

/** The config's zod schema (also the source of the published JSON Schema). */
export const SweepConfigSchema = z
  .object({
    $schema: z.string().optional().describe("the JSON Schema of this file"),
    // the same definitions as the configuration file's (src/config/schema.ts)
    manifests: manifestsField.optional(),
    rules: rulesField.optional(),
    targets: z
      .array(
        z.union([z.string().min(1), TargetObject], {
          error: 'expected a target string or {"target": "...", "options": {...}}',
        }),
      )
      .min(1)
      .describe("what to sweep"),
    db: z.string().min(1).optional().describe("the store (default .residue/residue.db)"),
    failOn: z
      .enum(["new", "any", "never"])
      .optional()
      .describe("exit status 1 when the sweep found new copies (default), any copy, or never"),
  })
  .strict()
  .describe("residue sweep configuration");

/** The config as written. */
export type SweepConfigInput = z.infer<typeof SweepConfigSchema>;

/** One target, ready to scan. */
export interface SweepTarget {
  /** The target as written in the config, URL credentials masked: the store's key for it. */
  key: string;
  /** The target with paths made absolute (finding ids stay the same whatever the cwd). */
  target: string;
  options: Record<string, unknown>;
}

/** A validated config with paths resolved. */
export interface SweepConfig {
  file: string;
  manifests: string[];
  rules?: "all" | "none" | string[];
  targets: SweepTarget[];
  db?: string;
  failOn: "new" | "any" | "never";
}

/** `targets[2].options` from a zod issue path. */
export function configPath(p: readonly PropertyKey[]): string {
  let out = "";
  for (const k of p) out += typeof k === "number" ? `[${k}]` : `${out ? "." : ""}${String(k)}`;
  return out || "(top level)";
}

/** Checks that a target parses and takes the options given to it; ConfigError naming both. */
function checkTarget(file: string, i: number, target: string, options: Record<string, unknown>): void {
  let d: ReturnType<typeof parseTarget>["descriptor"];
  try {
    d = parseTarget(target).descriptor;
  } catch (err) {
    if (err instanceof ResidueError) throw new ConfigError(`${file}: targets[${i}]: ${err.message}`);
    throw err;
  }
  for (const key of Object.keys(options)) {
    if (!(key in contentFields) && !(key in d.options.shape))
      throw new ConfigError(`${file}: targets[${i}].options.${key}: does not apply to ${d.prefix}: targets`);
  }
}

/** Validates a parsed config; throws ConfigError naming the config path of each fault. */
export function parseSweepConfig(raw: unknown, file: string): SweepConfig {
  const res = SweepConfigSchema.safeParse(raw);
  if (!res.success) {
    const lines = res.error.issues.map((i) => {
      const keys = i.code === "unrecognized_keys" ? i.keys : [];
      if (keys.length) return `${configPath([...i.path, keys[0]!])}: unknown key (allowed: see the $schema)`;
      return `${configPath(i.path)}: ${i.message}`;
    });
    throw new ConfigError(`${file}: ${lines.join("; ")}`);
  }
  const c = res.data;
  const dir = path.dirname(path.resolve(file));
  return {
    file,
    manifests: (c.manifests ?? []).map((m) => path.resolve(dir, m)),
    ...(c.rules !== undefined && { rules: c.rules }),
    targets: c.targets.map((t, i) => {
      const { target, options = {} } = typeof t === "string" ? { target: t } : t;
      checkTarget(file, i, target, options);
      return { key: maskUrls(target), target: absoluteTarget(dir, target), options };
    }),
    ...(c.db !== undefined && { db: path.resolve(dir, c.db) }),
    failOn: c.failOn ?? "new",
  };
}

/** Reads and validates a config file. */
export function loadSweepConfig(file: string): SweepConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `${file}: cannot read the sweep config: ${code === "ENOENT" ? "no such file" : reasonOf(err)}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON: ${reasonOf(err)}`);
  }
  return parseSweepConfig(raw, file);
}

/** The JSON Schema of the config (draft 2020-12), as published in schema/residue.sweep.schema.json. */
export function sweepJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(SweepConfigSchema, { io: "input" }),
    title: "residue sweep configuration",
  };
}
