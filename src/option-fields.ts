/**
 * Builders for option fields: zod schemas that also carry what a command line needs to show
 * them as flags (a value placeholder, whether the flag repeats). Sources and the content layer
 * declare their options with these, and the CLI flags, the sweep config's JSON Schema and the
 * library's types all derive from the same objects. The flag data sits in a registry of its own,
 * so it never leaks into the published JSON Schema.
 */
import { z } from "zod";

/** How an option shows on a command line. */
export interface FlagMeta {
  /** The value placeholder (`<date>`); absent for a switch. */
  arg?: string;
  /** Parse the command-line string as a number before validating. */
  numeric?: boolean;
  /** Library-only: no command-line flag (chunk sizes). */
  hidden?: boolean;
}

/** Flag data of option fields (read by the CLI). */
export const flagMeta = z.registry<FlagMeta>();

function withFlag<T extends z.ZodType>(schema: T, help: string, meta: FlagMeta): T {
  const out = schema.describe(help) as T;
  flagMeta.add(out, meta);
  return out;
}

/** A check on a value with the message that says what is allowed. */
export interface Check {
  test(v: string): boolean;
  message: string;
}

/** A switch: `--unreachable`. */
export function switchField(help: string) {
  return withFlag(z.boolean().optional(), help, {});
}

/** A string value: `--since <date>`. */
export function textField(arg: string, help: string, check?: Check) {
  const base = z.string().min(1, { error: `expected ${arg}` });
  const s = check ? base.refine(check.test, { error: check.message }) : base;
  return withFlag(s.optional(), help, { arg });
}

/** A repeatable string value: `--exclude <glob>` (a list in the library and the config). */
export function listField(arg: string, help: string) {
  return withFlag(z.array(z.string().min(1)).optional(), help, { arg });
}

/** A whole number of at least `min`: `--max-archive-depth <n>`. */
export function countField(arg: string, help: string, min: number) {
  const n = z
    .number({ error: "expected a number" })
    .int({ error: `expected a whole number` })
    .min(min, { error: `expected a number of at least ${min}` });
  return withFlag(n.optional(), help, { arg, numeric: true });
}

/** A number of at least `min`, fractions allowed: `--max-archive-ratio <n>`. */
export function numberField(arg: string, help: string, min: number) {
  const n = z
    .number({ error: `expected a number` })
    .min(min, { error: `expected a number of at least ${min}` });
  return withFlag(n.optional(), help, { arg, numeric: true });
}

/** A size in bytes, as a number or with a K/M/G suffix (`500M`); `parse` turns it into bytes. */
export function sizeField(help: string, parse: (v: string) => number | undefined) {
  const s = z.union([
    z.number().int().positive(),
    z.string().refine((v) => parse(v) !== undefined, {
      error: "expected a positive size such as 500M or 4G",
    }),
  ]);
  return withFlag(s.optional(), help, { arg: "<size>" });
}

/** A library-only number (no flag). */
export function hiddenNumber(help: string) {
  return withFlag(z.number().int().positive().optional(), help, { hidden: true });
}
