/** The `git:` source (issue #3). */
import type { Source, SourceContext } from "../types.js";

/** TODO(#3): not built yet; reports an error item so the scan says it is partial. */
export function gitSource(spec: string, ctx: SourceContext): Source {
  return {
    id: `git:${spec}`,
    // biome-ignore lint/correctness/useYield: reports an error until built
    async *chunks() {
      ctx.error(`git:${spec}`, "this source is not implemented yet");
    },
  };
}
