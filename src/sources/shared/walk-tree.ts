/**
 * Lists the files under a folder with @nodelib/fs.walk, the walker fast-glob itself runs on.
 * fast-glob cannot serve here (issue 16): its `suppressErrors` drops a folder it could not read
 * without a word, which is a false "clean", and its globstar never matches a name holding a line
 * break, so such a folder was skipped silently too. fs.walk's `errorFilter` hands over each folder
 * that could not be read and goes on with the rest, and it lists any name. `.git/` is skipped,
 * symbolic links are never followed (no loop) and only regular files are listed (a FIFO would block
 * a read). `--exclude` globs are matched with picomatch.
 */
import path from "node:path";
import * as fsWalk from "@nodelib/fs.walk";
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
export function listTree(
  root: string,
  exclude: readonly string[],
  onError: WalkErrorHandler = () => {},
): Promise<string[]> {
  const isExcluded = excluder(exclude);
  const settings = new fsWalk.Settings({
    basePath: "",
    followSymbolicLinks: false,
    // a few folders listed at once: the walk waits on the disk, not on the CPU
    concurrency: 8,
    deepFilter: (e) => e.name !== ".git" && !isExcluded(e.path, true),
    entryFilter: (e) => e.dirent.isFile() && !isExcluded(e.path, false),
    errorFilter: (err) => {
      onError(path.relative(root, (err as NodeJS.ErrnoException).path ?? root), err);
      return true;
    },
  });
  return new Promise((resolve, reject) =>
    fsWalk.walk(root, settings, (err, entries) => (err ? reject(err) : resolve(entries.map((e) => e.path)))),
  );
}
