/** Tar layers through tar-stream's async iterator; only regular files are read. */
import tar from "tar-stream";
import { reasonOf } from "../errors.js";
import type { Chunk } from "../types.js";
import { ArchiveLimitError } from "./archive-limits.js";
import type { ArchiveScope } from "./archive-scope.js";
import { type Feedable, feed } from "./streams.js";

/** Chunks of every regular file of a tar stream; `locator` names the tar in findings. */
export async function* tarChunks(
  bytes: AsyncIterable<Uint8Array>,
  locator: string,
  depth: number,
  scope: ArchiveScope,
): AsyncGenerator<Chunk> {
  const { ctx, budget } = scope;
  const extract = tar.extract();
  // a read error upstream destroys extract, so it surfaces through the entry iterator
  void feed(bytes, extract as unknown as Feedable);
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      if (entry.header.type !== "file" && entry.header.type !== "contiguous-file") {
        entry.resume();
        continue;
      }
      const at = `${locator}!${name}`;
      budget.entry(at);
      try {
        yield* scope.open(entry as AsyncIterable<Uint8Array>, at, name, depth, scope);
      } catch (err) {
        if (err instanceof ArchiveLimitError) throw err;
        ctx.error(at, `corrupt tar member: ${reasonOf(err)}`);
      }
      entry.resume(); // drain what a binary skip left unread
    }
  } catch (err) {
    if (err instanceof ArchiveLimitError) throw err;
    ctx.error(locator, `corrupt tar archive: ${reasonOf(err)}`);
  } finally {
    extract.destroy();
  }
}
