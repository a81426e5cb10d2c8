/**
 * `.residueignore`: one entry per line (`#` starts a comment). An entry is a finding id, a secret
 * fingerprint (a finding's `secretKey`, e.g. `pattern:3f2a…` or `known:db-password`, or its bare
 * hex part), `rule:ID` to silence a rule, or else a path glob (picomatch; a glob without `/`
 * matches the file's base name).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import type { FindingFilter } from "../scan.js";
import type { Finding } from "../types.js";

/** Parsed entries of an ignore file. */
export interface IgnoreList {
  ids: Set<string>;
  secretKeys: Set<string>;
  rules: Set<string>;
  globs: ((path: string) => boolean)[];
}

const HEX24 = /^[0-9a-f]{24}$/;

/** Parses the text of an ignore file. */
export function parseIgnore(text: string): IgnoreList {
  const list: IgnoreList = { ids: new Set(), secretKeys: new Set(), rules: new Set(), globs: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    if (HEX24.test(line)) {
      list.ids.add(line);
      list.secretKeys.add(`pattern:${line}`);
    } else if (/^(?:pattern|known):\S+$/.test(line)) list.secretKeys.add(line);
    else if (line.startsWith("rule:")) list.rules.add(line.slice(5));
    else list.globs.push(picomatch(line.replace(/^\.\//, ""), { dot: true, basename: !line.includes("/") }));
  }
  return list;
}

/**
 * The paths a finding's location can be matched by: as shown, and relative to `base` (the ignore
 * file's folder) when it lies inside it; for a file in an archive, the outer file's too.
 */
export function pathsOf(f: Finding, base?: string): string[] {
  const p = f.provenance.path;
  if (typeof p !== "string") return [];
  const out = new Set<string>();
  for (const whole of [p, relativeTo(p, base)]) {
    if (whole === undefined) continue;
    const clean = whole.replace(/^\.\//, "").split(path.sep).join("/");
    out.add(clean);
    out.add(clean.split("!")[0]!);
  }
  return [...out];
}

/** The path relative to base when it lies inside base (paths are shown relative to the process cwd). */
export function relativeTo(p: string, base: string | undefined): string | undefined {
  if (!base) return undefined;
  const rel = path.relative(base, path.resolve(p));
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : undefined;
}

/** True when the list silences the finding; globs are relative to `base` (or as shown). */
export function isIgnored(list: IgnoreList, f: Finding, base?: string): boolean {
  if (list.ids.has(f.id) || list.secretKeys.has(f.secretKey)) return true;
  if (f.ruleId && list.rules.has(f.ruleId)) return true;
  return list.globs.length > 0 && pathsOf(f, base).some((p) => list.globs.some((g) => g(p)));
}

/** Reads an ignore file into a filter; throws the read error for the caller to word. */
export async function ignoreFileFilter(file: string): Promise<FindingFilter> {
  const list = parseIgnore(await readFile(file, "utf8"));
  const base = path.dirname(path.resolve(file));
  return (f) => !isIgnored(list, f, base);
}
