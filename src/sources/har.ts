/** The `har:` source (issue #5). */
import type { Source, SourceContext } from "../types.js";

/** TODO(#5): not built yet; reports an error item so the scan says it is partial. */
export function harSource(spec: string, ctx: SourceContext): Source {
  return {
    id: `har:${spec}`,
    // biome-ignore lint/correctness/useYield: reports an error until built
    async *chunks() {
      ctx.error(`har:${spec}`, "this source is not implemented yet");
    },
  };
}
