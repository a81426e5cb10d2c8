/** The `slack:` source (issue #6). */
import type { Source, SourceContext } from "../types.js";

/** TODO(#6): not built yet; reports an error item so the scan says it is partial. */
export function slackSource(spec: string, ctx: SourceContext): Source {
  return {
    id: `slack:${spec}`,
    // biome-ignore lint/correctness/useYield: reports an error until built
    async *chunks() {
      ctx.error(`slack:${spec}`, "this source is not implemented yet");
    },
  };
}
