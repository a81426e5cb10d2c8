/** Folder walking shared by the path sources (fs, logs, har) and `watch`. */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileBytes } from "../../content/text.js";
import { readReason } from "../../errors.js";
import type { ByteItem, Provenance, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { IGNORE_FILES, type IgnoreFile, pathSkip } from "./paths.js";
import { listTree, type WalkErrorHandler } from "./walk-tree.js";

/** What a walk skips: `--exclude` globs, and what ignore files list unless `noIgnore`. */
export interface WalkRules {
  exclude?: string[];
  /** Honour `.gitignore` / `.ignore` files met in the walk (false: `--no-ignore`). */
  ignoreFiles?: boolean;
}

/**
 * Lists the files under a folder, sorted, relative paths joined to the root; a folder that
 * cannot be listed goes to `onError` (its path joined to the root).
 */
export async function walkFiles(
  root: string,
  rules: WalkRules = {},
  onError?: (dir: string, err: unknown) => void,
): Promise<string[]> {
  const exclude = rules.exclude ?? [];
  const report: WalkErrorHandler | undefined = onError && ((rel, err) => onError(path.join(root, rel), err));
  let entries = await listTree(root, exclude, report);
  const files = rules.ignoreFiles ? await ignoreFilesOf(root, entries) : [];
  if (files.length || exclude.length) {
    const skip = pathSkip(exclude, files);
    entries = entries.filter((e) => !skip(e));
  }
  return entries.sort().map((e) => path.join(root, e));
}

/** The ignore files among a walk's entries, read (one that cannot be read is left out). */
async function ignoreFilesOf(root: string, entries: string[]): Promise<IgnoreFile[]> {
  const names = new Set<string>(IGNORE_FILES);
  const found = entries.filter((e) => names.has(path.posix.basename(e))).sort((a, b) => a.length - b.length);
  const out: IgnoreFile[] = [];
  for (const e of found) {
    const text = await readFile(path.join(root, e), "utf8").catch(() => undefined);
    if (text !== undefined) out.push({ dir: path.posix.dirname(e).replace(/^\.$/, ""), text });
  }
  return out;
}

/** A file to read: where it is, and its path as findings show it. */
export interface WalkedFile {
  file: string;
  shown: string;
}

/**
 * The files of a path target: the file itself, or the files under the folder. A target that
 * cannot be read becomes an error item (undefined is returned).
 */
export async function targetFiles(
  target: Target,
  ctx: Pick<SourceContext, "error">,
  rules: WalkRules = {},
): Promise<{ folder: boolean; files: WalkedFile[] } | undefined> {
  const root = target.path ?? target.spec;
  const shownRoot = target.spec || ".";
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(root);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    ctx.error(shownRoot, code === "ENOENT" ? "no such file or folder" : readReason(err));
    return undefined;
  }
  if (!info.isDirectory()) return { folder: false, files: [{ file: root, shown: shownRoot }] };
  // a folder that cannot be listed is content that was not read: an error item, never a silent skip
  const files = await walkFiles(root, rules, (dir, err) =>
    ctx.error(path.join(shownRoot, path.relative(root, dir)), `folder not read: ${readReason(err)}`),
  );
  return {
    folder: true,
    files: files.map((file) => ({ file, shown: path.join(shownRoot, path.relative(root, file)) })),
  };
}

/** A file as an item: in memory when already read, else streamed from disk when its turn comes. */
export function fileItem(
  f: WalkedFile,
  provenance: Provenance,
  bytes?: Uint8Array,
  as?: ByteItem["as"],
): ByteItem {
  return {
    id: f.shown,
    name: f.shown,
    provenance,
    bytes: bytes ?? (() => fileBytes(f.file)),
    file: f.file,
    ...(as && { as }),
  };
}
