/**
 * Which paths a source skips: `--exclude` globs and the ignore files (`.gitignore`, `.ignore`),
 * both with gitignore semantics (the `ignore` package: `dist/` skips every dist folder, `/dist`
 * only the top one, `*.log` at any depth). `--no-ignore` turns the ignore files off, as in ripgrep;
 * `--exclude` always applies. Paths are relative to the target's root, with `/`.
 */
import ignore, { type Ignore } from "ignore";
import { switchField } from "../../option-fields.js";

/** `--no-ignore`: read what `.gitignore` and `.ignore` files list too. */
export const noIgnore = switchField(
  "do not skip what .gitignore and .ignore files list (--exclude still applies)",
);

/** The ignore files honoured in a folder (ripgrep's `.ignore` as well as git's). */
export const IGNORE_FILES = [".gitignore", ".ignore"] as const;

/** The rules of one ignore file, for the paths under the folder it sits in ("" = the root). */
export interface IgnoreFile {
  dir: string;
  text: string;
}

/** True for a path to skip. */
export type PathSkip = (rel: string) => boolean;

/** A path filter of the exclude globs and the given ignore files (nearest folder's rules last). */
export function pathSkip(exclude: readonly string[] = [], files: readonly IgnoreFile[] = []): PathSkip {
  const globs = exclude.length ? ignore().add([...exclude]) : undefined;
  const rules: { dir: string; ig: Ignore }[] = files.map((f) => ({
    dir: f.dir ? `${f.dir.replace(/\/+$/, "")}/` : "",
    ig: ignore().add(f.text),
  }));
  if (!globs && !rules.length) return () => false;
  return (rel) => {
    const p = rel.replace(/^\.\//, "");
    if (!p) return false;
    if (globs?.ignores(p)) return true;
    for (const r of rules)
      if ((!r.dir || p.startsWith(r.dir)) && r.ig.ignores(p.slice(r.dir.length))) return true;
    return false;
  };
}
