/**
 * The `logs:` source: a build log, a folder of them, or an archive of them (a GitHub Actions
 * run-log zip). Every file is streamed; ANSI escapes, CI timestamp prefixes and GitLab section
 * markers are stripped before matching while line and column still refer to the original file
 * (see log-clean.ts). Masks (`***`, `[MASKED]`, `****`) are left as they are: never a copy.
 */
import { contentChunks } from "../../content/sniff.js";
import type { Chunk, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { readReason, targetFiles } from "../shared/walk.js";

/** The `logs:PATH` source. */
export function logsSource(target: Target, options: { exclude?: string[] }, ctx: SourceContext): Source {
  return {
    async *chunks(signal?: AbortSignal): AsyncGenerator<Chunk> {
      const found = await targetFiles(target, ctx, options.exclude);
      for (const { file, shown } of found?.files ?? []) {
        if (signal?.aborted) return;
        try {
          yield* contentChunks(file, ctx, { source: "logs", path: shown });
        } catch (err) {
          ctx.error(shown, readReason(err));
        }
      }
    },
  };
}
