/**
 * Blob contents to chunks, shared by `git:` and `git-staged:`. Git LFS pointers are counted as
 * skipped and named in one notice (the content lives on the LFS server, not in the repository);
 * a missing or unreadable object becomes an error item and the rest goes on.
 */

import { itemChunks } from "../../content/text.js";
import { reasonOf } from "../../errors.js";
import type { Chunk, Provenance, SourceContext } from "../../types.js";
import { type BatchObject, CatFileStopped, catFileObjects } from "./cat-file.js";

/** One blob to read, under the name a person knows it by. */
export interface BlobItem {
  sha: string;
  /** Built when the blob is read, so provenances of unread blobs cost nothing. */
  provenance: () => Provenance;
  /** The item named in errors (e.g. `abc1234:path`). */
  label: string;
  /** Applied to each chunk (staged scans set patternLines). */
  patch?: (chunk: Chunk) => Chunk;
}

const LFS_HEAD = "version https://git-lfs.github.com/spec/";
const LFS_MAX = 1024;

const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

/**
 * What itemChunks gives for a blob held whole in memory (binary skipped and counted, else one
 * chunk), without its stream layers: most blobs are small, and those layers tripled the time
 * per blob (measured on the 5,000-commit bench repository).
 */
export function wholeChunk(bytes: Uint8Array, provenance: Provenance, ctx: SourceContext): Chunk | undefined {
  if (bytes.subarray(0, 8000).indexOf(0) !== -1) {
    ctx.count({ skipped: 1 });
    return undefined;
  }
  ctx.count({ items: 1, bytes: bytes.length });
  return { text: decoder.decode(bytes), line: 1, column: 1, provenance };
}

/** True when a small blob is a Git LFS pointer file. */
export function isLfsPointer(bytes: Uint8Array): boolean {
  return bytes.length <= LFS_MAX && Buffer.from(bytes).toString("latin1", 0, LFS_HEAD.length) === LFS_HEAD;
}

/** Streams the chunks of the given blobs, each read once through one cat-file process. */
export async function* blobItemsChunks(
  dir: string,
  items: BlobItem[],
  ctx: SourceContext,
  opts: { keepIndex?: boolean; signal?: AbortSignal; objects?: AsyncIterable<BatchObject> } = {},
): AsyncGenerator<Chunk> {
  const lfs: string[] = [];
  // `objects`, when given, is a reader already started on the same ids in the same order
  const objects =
    opts.objects ??
    catFileObjects(
      dir,
      items.map((i) => i.sha),
      opts,
    );
  for await (const obj of objects) {
    if (opts.signal?.aborted) return;
    const item = items[obj.index]!;
    if (obj.kind === "missing") {
      ctx.error(item.label, `object ${obj.sha} is missing from the repository`);
      continue;
    }
    if (obj.kind === "failed") {
      ctx.error(item.label, `object ${obj.sha} could not be read: ${obj.reason}`);
      continue;
    }
    if (obj.type !== "blob") {
      ctx.error(item.label, `object ${obj.sha} is a ${obj.type}, not a file's content`);
      continue;
    }
    if (obj.kind === "small") {
      if (isLfsPointer(obj.bytes)) {
        ctx.count({ skipped: 1 });
        lfs.push(item.label);
        continue;
      }
      const chunk = wholeChunk(obj.bytes, item.provenance(), ctx);
      if (chunk) yield item.patch ? item.patch(chunk) : chunk;
      continue;
    }
    try {
      for await (const chunk of itemChunks(obj.body, item.provenance(), ctx))
        yield item.patch ? item.patch(chunk) : chunk;
    } catch (err) {
      // a body cut short: the reader yields a failure for this object next
      if (!(err instanceof CatFileStopped)) ctx.error(item.label, reasonOf(err));
    }
  }
  if (lfs.length) {
    const shown = lfs.slice(0, 5).join(", ") + (lfs.length > 5 ? `, and ${lfs.length - 5} more` : "");
    ctx.notice(
      `${lfs.length} Git LFS pointer${lfs.length > 1 ? "s" : ""} not scanned (the content lives on the LFS server): ${shown}`,
    );
  }
}
