/**
 * The configuration's allowlist as a scan filter: a pattern finding is dropped when its file
 * matches an allowed path glob, its secret matches an allowed regular expression or equals an
 * allowed value. Copies of known-compromised secrets are never allowed
 * by text: a manifest says they are compromised wherever they are.
 */
import path from "node:path";
import picomatch from "picomatch";
import type { FindingFilter } from "../scan.js";
import type { ResidueConfig } from "./load.js";

/** Tests a finding's path against globs relative to the configuration's folder. */
function pathTest(globs: string[], dir: string, cwd: string): (p: string) => boolean {
  const byName = picomatch(
    globs.filter((g) => !g.includes("/")),
    { dot: true },
  );
  const byPath = picomatch(
    globs.filter((g) => g.includes("/")),
    { dot: true },
  );
  return (p) => {
    const rel = path.relative(dir, path.resolve(cwd, p)).split(path.sep).join("/");
    return byName(path.basename(p)) || byPath(rel) || byPath(p);
  };
}

/** The filter for a configuration's `allow`, or undefined when it allows nothing. */
export function allowFilter(config: ResidueConfig, cwd: string): FindingFilter | undefined {
  const allow = config.allow;
  if (!allow) return undefined;
  const onPath = allow.paths?.length ? pathTest(allow.paths, path.dirname(config.file), cwd) : undefined;
  const regexes = (allow.regexes ?? []).map((r) => new RegExp(r));
  const values = new Set(allow.values ?? []);
  return (f) => {
    if (f.kind !== "pattern") return true;
    const p = f.provenance.path;
    if (onPath && typeof p === "string" && onPath(p)) return false;
    const secret = f.secret.reveal();
    return !values.has(secret) && !regexes.some((r) => r.test(secret));
  };
}
