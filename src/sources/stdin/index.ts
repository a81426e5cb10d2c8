/** Standard input (`-`): one item, streamed (the content layer decides what it holds). */

import type { Item, Source, SourceContext } from "../../types.js";

/** The `-` source. */
export function stdinSource(ctx: SourceContext): Source {
  return {
    async *items(): AsyncGenerator<Item> {
      const stdin = ctx.stdin;
      if (!stdin) {
        ctx.error("-", "no standard input");
        return;
      }
      yield {
        id: "-",
        name: "-",
        provenance: { source: "stdin", path: "-" },
        bytes: () => stdin as AsyncIterable<Uint8Array>,
      };
    },
  };
}
