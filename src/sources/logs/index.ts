/**
 * The `logs:` source: a build log, a folder of them, or an archive of them (a GitHub Actions
 * run-log zip). Every file is streamed; ANSI escapes, CI timestamp prefixes and GitLab section
 * markers are stripped before matching while line and column still refer to the original file
 * (see log-clean.ts). Masks (`***`, `[MASKED]`, `****`) are left as they are: never a copy.
 */
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { walkRules } from "../shared/options.js";
import { fileItem, targetFiles } from "../shared/walk.js";

/** The `logs:PATH` source. */
export function logsSource(
  target: Target,
  options: { exclude?: string[]; noIgnore?: boolean },
  ctx: SourceContext,
): Source {
  return {
    async *items(signal?: AbortSignal): AsyncGenerator<Item> {
      const found = await targetFiles(target, ctx, walkRules(options));
      for (const f of found?.files ?? []) {
        if (signal?.aborted) return;
        // the content layer strips CI noise from what it reads as text (see log-clean.ts)
        yield fileItem(f, { source: "logs", path: f.shown }, undefined, "log");
      }
    },
  };
}
