/**
 * Lists the files under a folder with node:fs, one `readdir` per folder. fast-glob used to do this,
 * but its `suppressErrors` dropped a folder it could not read without a word (a false "clean"), and
 * its globstar never matches a name holding a newline, so such a folder was skipped silently too
 * (issue 16). Here every folder that cannot be read is handed to `onError`, any name is listed,
 * `.git/` is skipped, symbolic links are never followed (no loop) and only regular files are
 * listed (a FIFO would block a read). `--exclude` globs are matched with picomatch.
 */
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import pLimit from "p-limit";
import picomatch from "picomatch";

/** Called once per folder that could not be listed: its path relative to the root ("" = the root). */
export type WalkErrorHandler = (relativeDir: string, err: unknown) => void;

/**
 * A predicate for `--exclude` globs over relative paths. picomatch's `**` does not match a line
 * break, so line breaks are matched as an ordinary character would be.
 */
export function excluder(globs: readonly string[]): (rel: string, isDir: boolean) => boolean {
  if (!globs.length) return () => false;
  const match = picomatch([...globs], { dot: true });
  return (rel, isDir) => {
    const p = rel.replace(/[\r\n\u2028\u2029]/g, "\u0000");
    return match(p) || (isDir && match(`${p}/`));
  };
}

/** Relative paths of the regular files under `root` (unsorted), minus excluded ones. */
export async function listTree(
  root: string,
  exclude: readonly string[],
  onError: WalkErrorHandler = () => {},
): Promise<string[]> {
  const isExcluded = excluder(exclude);
  const files: string[] = [];
  // a few folders listed at once: the walk waits on the disk, not on the CPU
  const limit = pLimit(8);
  const visit = async (rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await limit(() => readdir(path.join(root, rel), { withFileTypes: true }));
    } catch (err) {
      onError(rel, err);
      return;
    }
    const below: Promise<void>[] = [];
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== ".git" && !isExcluded(child, true)) below.push(visit(child));
      } else if (e.isFile() && !isExcluded(child, false)) files.push(child);
    }
    await Promise.all(below);
  };
  await visit("");
  return files;
}
