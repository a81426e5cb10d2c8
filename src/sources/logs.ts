/** The `logs:` source (issue #5). */
import type { Source, SourceContext } from "../types.js";

/** TODO(#5): not built yet; reports an error item so the scan says it is partial. */
export function logsSource(spec: string, ctx: SourceContext): Source {
  return {
    id: `logs:${spec}`,
    // biome-ignore lint/correctness/useYield: reports an error until built
    async *chunks() {
      ctx.error(`logs:${spec}`, "this source is not implemented yet");
    },
  };
}
