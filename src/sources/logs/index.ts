/**
 * The `logs:` source: a build log, a folder of them, or an archive of them (a GitHub Actions
 * run-log zip). Every file is streamed; ANSI escapes, CI timestamp prefixes and GitLab section
 * markers are stripped before matching while line and column still refer to the original file
 * (see log-clean.ts). Masks (`***`, `[MASKED]`, `****`) are left as they are: never a copy.
 */
import { stat } from "node:fs/promises";
import { contentChunks } from "../../content/sniff.js";
import { reasonOf } from "../../errors.js";
import type { Chunk, Source, SourceContext } from "../../types.js";
import { readReason, walkFiles } from "../shared/walk.js";

/** The `logs:PATH` source. */
export function logsSource(spec: string, ctx: SourceContext): Source {
  const exclude = (ctx.options.exclude as string[] | undefined) ?? [];
  return {
    id: `logs:${spec}`,
    async *chunks(signal?: AbortSignal): AsyncGenerator<Chunk> {
      let files: string[];
      try {
        const info = await stat(spec);
        files = info.isDirectory() ? await walkFiles(spec, exclude) : [spec];
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        ctx.error(spec, code === "ENOENT" ? "no such file or folder" : reasonOf(err));
        return;
      }
      for (const file of files) {
        if (signal?.aborted) return;
        try {
          yield* contentChunks(file, ctx, { source: "logs", path: file });
        } catch (err) {
          ctx.error(file, readReason(err));
        }
      }
    },
  };
}
