/** Folder walking shared by the path sources (fs, logs, har) and `watch`. */
import path from "node:path";
import fg from "fast-glob";
import { reasonOf } from "../../errors.js";

/** Lists the files under a folder, sorted, relative paths joined to the root. */
export async function walkFiles(root: string, exclude: string[] = []): Promise<string[]> {
  const entries = await fg("**/*", {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: ["**/.git/**", ...exclude],
  });
  return entries.sort().map((e) => path.join(root, e));
}

/** A short reason for a file that could not be read. */
export function readReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "vanished before it could be read";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "symbolic link loop";
  if (code === "EISDIR") return "is a folder";
  return reasonOf(err);
}
