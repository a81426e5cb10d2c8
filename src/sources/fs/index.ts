/**
 * A file or a folder (walked with fast-glob). Skips `.git/`, never follows a symlinked folder
 * (so no symlink loop), honours --exclude globs, skips binary files (counted), and streams
 * every file in overlapping chunks. Files are opened a few at a time (p-limit) ahead of use.
 */
import { readFile, stat } from "node:fs/promises";
import pLimit from "p-limit";
import { contentChunks } from "../../content/sniff.js";
import type { Chunk, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { readReason, targetFiles } from "../shared/walk.js";

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
    async *chunks(signal?: AbortSignal): AsyncGenerator<Chunk> {
      const found = await targetFiles(target, ctx, options.exclude);
      if (!found) return;
      const { files } = found;
      const ahead = prefetcher(files.map((f) => f.file));
      for (let i = 0; i < files.length; i++) {
        if (signal?.aborted) return;
        const { file, shown } = files[i]!;
        try {
          const bytes = await ahead(i);
          yield* contentChunks(file, ctx, { source: "fs", path: shown }, bytes);
        } catch (err) {
          ctx.error(shown, readReason(err));
        }
      }
    },
  };
}
