/** The `har:PATH` source: a HAR file, or every `.har` file under a folder. */
import { harFileChunks } from "../../content/har.js";
import { isHarName } from "../../content/kind.js";
import type { Chunk, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { readReason, targetFiles } from "../shared/walk.js";

/** The `har:PATH` source. */
export function harSource(target: Target, options: { exclude?: string[] }, ctx: SourceContext): Source {
  return {
    async *chunks(signal?: AbortSignal): AsyncGenerator<Chunk> {
      const found = await targetFiles(target, ctx, options.exclude);
      for (const { file, shown } of found?.files ?? []) {
        if (found?.folder && !isHarName(file)) continue;
        if (signal?.aborted) return;
        try {
          yield* harFileChunks(file, ctx, shown);
        } catch (err) {
          ctx.error(shown, readReason(err));
        }
      }
    },
  };
}
