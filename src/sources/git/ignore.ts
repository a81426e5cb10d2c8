/**
 * The paths a history scan skips: `--exclude` globs and, unless `--no-ignore`, what the root
 * `.gitignore` / `.ignore` at HEAD list (a `dist/` committed before it was ignored is still
 * skipped). A blob is judged by the first path it is seen at.
 */
import { IGNORE_FILES, type IgnoreFile, type PathSkip, pathSkip } from "../shared/paths.js";
import { gitAt } from "./exec.js";

/** The skip rule of a repository's history scan. */
export async function historySkip(
  dir: string,
  o: { exclude?: string[]; noIgnore?: boolean },
): Promise<PathSkip> {
  const files: IgnoreFile[] = [];
  if (o.noIgnore !== true) {
    const git = gitAt(dir);
    for (const name of IGNORE_FILES) {
      // no HEAD yet, or no such file at HEAD: nothing to honour
      const text = await git.show([`HEAD:${name}`]).catch(() => undefined);
      if (text) files.push({ dir: "", text });
    }
  }
  return pathSkip(o.exclude ?? [], files);
}
