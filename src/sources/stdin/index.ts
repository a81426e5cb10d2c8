/** Standard input (`-`), streamed in overlapping chunks of whole lines. */

import { itemChunks } from "../../content/text.js";
import type { Source, SourceContext } from "../../types.js";

/** The `-` source. */
export function stdinSource(ctx: SourceContext): Source {
  return {
    async *chunks() {
      if (!ctx.stdin) {
        ctx.error("-", "no standard input");
        return;
      }
      yield* itemChunks(ctx.stdin as AsyncIterable<Uint8Array>, { source: "stdin", path: "-" }, ctx);
    },
  };
}
