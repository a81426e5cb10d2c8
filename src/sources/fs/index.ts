/**
 * A file or a folder (walked with node:fs, see walk-tree.ts). Skips `.git/`, never follows a symlinked folder
 * (so no symlink loop), honours --exclude globs, and hands every file to the content layer.
 * Files are handed over unread: the scan reads them in batches where they are matched (worker
 * threads), so the main thread only walks.
 */
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { walkRules } from "../shared/options.js";
import { fileItem, targetFiles } from "../shared/walk.js";

/** The `PATH` source. */
export function fsSource(
  target: Target,
  options: { exclude?: string[]; noIgnore?: boolean },
  ctx: SourceContext,
): Source {
  return {
    async *items(signal?: AbortSignal): AsyncGenerator<Item> {
      const found = await targetFiles(target, ctx, walkRules(options));
      if (!found) return;
      for (const f of found.files) {
        if (signal?.aborted) return;
        yield fileItem(f, { source: "fs", path: f.shown });
      }
    },
  };
}
