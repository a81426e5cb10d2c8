/**
 * A file or a folder (walked with node:fs, see walk-tree.ts). Skips `.git/`, never follows a symlinked folder
 * (so no symlink loop), honours --exclude globs, and hands every file to the content layer.
 * Small files are read a few at a time (p-limit) ahead of use.
 */
import { readFile, stat } from "node:fs/promises";
import pLimit from "p-limit";
import { readReason } from "../../errors.js";
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { fileItem, targetFiles } from "../shared/walk.js";

const SMALL_FILE = 1 << 20;
const READ_AHEAD = 16;

/**
 * Reads small files ahead of use, a few at a time (p-limit), so the matcher never waits on the
 * disk; large files are streamed when their turn comes (undefined here).
 */
function prefetcher(files: string[]): (i: number) => Promise<Buffer | undefined> {
  const limit = pLimit(8);
  const started = new Map<number, Promise<Buffer | undefined>>();
  const start = (i: number) => {
    if (i >= files.length || started.has(i)) return;
    const p = limit(async () => {
      const s = await stat(files[i]!);
      return s.size <= SMALL_FILE ? readFile(files[i]!) : undefined;
    });
    p.catch(() => {}); // surfaced when awaited
    started.set(i, p);
  };
  return (i) => {
    for (let j = i; j < i + READ_AHEAD; j++) start(j);
    const p = started.get(i)!;
    started.delete(i);
    return p;
  };
}

/** The `PATH` source. */
export function fsSource(target: Target, options: { exclude?: string[] }, ctx: SourceContext): Source {
  return {
    async *items(signal?: AbortSignal): AsyncGenerator<Item> {
      const found = await targetFiles(target, ctx, options.exclude);
      if (!found) return;
      const { files } = found;
      const ahead = prefetcher(files.map((f) => f.file));
      for (let i = 0; i < files.length; i++) {
        if (signal?.aborted) return;
        const f = files[i]!;
        let bytes: Buffer | undefined;
        try {
          bytes = await ahead(i);
        } catch (err) {
          ctx.error(f.shown, readReason(err));
          continue;
        }
        yield fileItem(f, { source: "fs", path: f.shown }, bytes);
      }
    },
  };
}
