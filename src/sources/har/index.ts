/** The `har:PATH` source: a HAR file, or every `.har` file under a folder. */
import { isHarName } from "../../content/kind.js";
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { walkRules } from "../shared/options.js";
import { fileItem, targetFiles } from "../shared/walk.js";

/** The `har:PATH` source. */
export function harSource(
  target: Target,
  options: { exclude?: string[]; noIgnore?: boolean },
  ctx: SourceContext,
): Source {
  return {
    async *items(signal?: AbortSignal): AsyncGenerator<Item> {
      const found = await targetFiles(target, ctx, walkRules(options));
      for (const f of found?.files ?? []) {
        // a folder's .har files; a file named as the target is a HAR whatever its name
        if (found?.folder && !isHarName(f.file)) continue;
        if (signal?.aborted) return;
        yield fileItem(f, { source: "har", path: f.shown }, undefined, "har");
      }
    },
  };
}
