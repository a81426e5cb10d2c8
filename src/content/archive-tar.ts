/** Tar layers through tar-stream's async iterator; only regular files are read. */
import tar from "tar-stream";
import { reasonOf } from "../errors.js";
import type { Chunk } from "../types.js";
import { ArchiveLimitError } from "./archive-limits.js";
import { type ArchiveScope, memberItem, readMember } from "./archive-scope.js";
import { type Feedable, feed } from "./streams.js";

/** Chunks of every regular file of a tar layer. */
export async function* tarChunks(
  scope: ArchiveScope,
  bytes: AsyncIterable<Uint8Array>,
): AsyncGenerator<Chunk> {
  const { ctx, budget, archive } = scope;
  const extract = tar.extract();
  // a read error upstream destroys extract, so it surfaces through the entry iterator
  void feed(bytes, extract as unknown as Feedable);
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      const kept = entry.header.type === "file" || entry.header.type === "contiguous-file";
      if (!kept || ctx.skipPath?.(name)) {
        entry.resume();
        continue;
      }
      const at = `${archive.id}!${name}`;
      budget.entry(at);
      try {
        yield* readMember(scope, memberItem(scope, name, entry as AsyncIterable<Uint8Array>));
      } catch (err) {
        if (err instanceof ArchiveLimitError) throw err;
        ctx.error(at, `corrupt tar member: ${reasonOf(err)}`);
      }
      entry.resume(); // drain what a binary skip left unread
    }
  } catch (err) {
    if (err instanceof ArchiveLimitError) throw err;
    ctx.error(archive.id, `corrupt tar archive: ${reasonOf(err)}`);
  } finally {
    extract.destroy();
  }
}
