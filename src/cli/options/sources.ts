/**
 * Command-line flags derived from the option schemas of the sources and of the content layer:
 * `gitOptions.range` becomes `--range <A..B>`, validated by its schema as it is parsed, its help
 * line prefixed with the sources that take it. Nothing here is written per source.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { z } from "zod";
import { contentFields } from "../../content/options.js";
import { flagMeta } from "../../option-fields.js";
import { descriptors, sourceOptionFields } from "../../sources/registry.js";

/** `maxArchiveBytes` → `max-archive-bytes`. */
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Parses one flag value with its schema (numbers converted first; lists collected). */
function valueParser(schema: z.ZodType, numeric: boolean) {
  const isList = schema instanceof z.ZodOptional && schema.unwrap() instanceof z.ZodArray;
  return (v: string, prev: unknown) => {
    const one = numeric && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
    const value = isList ? [...((prev as unknown[] | undefined) ?? []), one] : one;
    const res = schema.safeParse(value);
    if (!res.success) throw new InvalidArgumentError(res.error.issues[0]!.message);
    return res.data;
  };
}

/** The flag of one option field, or undefined for a library-only one. */
function flagOf(key: string, schema: z.ZodType, help: string): Option | undefined {
  const meta = flagMeta.get(schema) ?? {};
  if (meta.hidden) return undefined;
  const opt = new Option(`--${kebab(key)}${meta.arg ? ` ${meta.arg}` : ""}`, help);
  if (meta.arg) opt.argParser(valueParser(schema, meta.numeric === true));
  return opt;
}

/** The keys of every source and content option (what the CLI hands the scan). */
export function optionKeys(): string[] {
  return [...Object.keys(contentFields), ...sourceOptionFields().keys()];
}

/** Adds every source's and the content layer's flags to a command. */
export function addSourceOptions(cmd: Command): Command {
  const all = descriptors.length;
  for (const [key, { schema, prefixes }] of sourceOptionFields()) {
    const who = prefixes.length === all ? "" : `${prefixes.join(", ")}: `;
    const opt = flagOf(key, schema, `${who}${schema.description ?? ""}`);
    if (opt) cmd.addOption(opt);
  }
  for (const [key, schema] of Object.entries(contentFields)) {
    const opt = flagOf(key, schema, schema.description ?? "");
    if (opt) cmd.addOption(opt);
  }
  return cmd;
}

/** The source and content options set on the command line. */
export function pickSourceOptions(opts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of optionKeys()) {
    // commander reads `--no-ignore` as `ignore: false`; the library's switch is `noIgnore: true`
    const negated = /^no[A-Z]/.test(key) ? key[2]!.toLowerCase() + key.slice(3) : undefined;
    if (negated !== undefined && opts[negated] === false) out[key] = true;
    else if (opts[key] !== undefined) out[key] = opts[key];
  }
  return out;
}
