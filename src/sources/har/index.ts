/** The `har:PATH` source: a HAR file, or every `.har` file under a folder. */
import { stat } from "node:fs/promises";
import { harFileChunks } from "../../content/har.js";
import { isHarName } from "../../content/kind.js";
import type { Chunk, Source, SourceContext } from "../../types.js";
import { readReason, walkFiles } from "../shared/walk.js";

/** The `har:PATH` source. */
export function harSource(spec: string, ctx: SourceContext): Source {
  return {
    id: `har:${spec}`,
    async *chunks(signal?: AbortSignal): AsyncGenerator<Chunk> {
      let files: string[];
      try {
        const info = await stat(spec);
        files = info.isDirectory() ? (await walkFiles(spec)).filter(isHarName) : [spec];
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        ctx.error(spec, code === "ENOENT" ? "no such file or folder" : readReason(err));
        return;
      }
      for (const file of files) {
        if (signal?.aborted) return;
        try {
          yield* harFileChunks(file, ctx);
        } catch (err) {
          ctx.error(file, readReason(err));
        }
      }
    },
  };
}
