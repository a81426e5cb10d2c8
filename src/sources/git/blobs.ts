/**
 * Blobs as items, shared by `git:` and `git-staged:`: each blob read once through one cat-file
 * process and handed to the content layer, which decides what it holds (text, an archive, a HAR,
 * binary). Git LFS pointers are counted as skipped and named in one notice (the content lives on
 * the LFS server, not in the repository); a missing or unreadable object becomes an error item and
 * the rest goes on.
 */
import type { ByteItem, Chunk, Item, Provenance, SourceContext } from "../../types.js";
import { type BatchObject, CatFileStopped, catFileObjects } from "./cat-file.js";

/** One blob to read, under the name a person knows it by. */
export interface BlobItem {
  sha: string;
  /** The blob's path (what content is told by: `.har`, `.zip`). */
  path: string;
  /** Built when the blob is read, so provenances of unread blobs cost nothing. */
  provenance: () => Provenance;
  /** The item named in errors (e.g. `abc1234:path`); unique per blob. */
  label: string;
  /** Applied to each chunk (staged scans set patternLines). */
  patch?: (chunk: Chunk) => Chunk;
}

const LFS_HEAD = "version https://git-lfs.github.com/spec/";
const LFS_MAX = 1024;

/** True when a small blob is a Git LFS pointer file. */
export function isLfsPointer(bytes: Uint8Array): boolean {
  return bytes.length <= LFS_MAX && Buffer.from(bytes).toString("latin1", 0, LFS_HEAD.length) === LFS_HEAD;
}

/** A body that ends quietly when git stops mid-object (the reader reports that object next). */
async function* untilStopped(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (err) {
    if (!(err instanceof CatFileStopped)) throw err;
  }
}

/** The item of one object, or undefined after reporting why it cannot be read. */
function blobItem(obj: BatchObject, blob: BlobItem, ctx: SourceContext, lfs: string[]): ByteItem | undefined {
  if (obj.kind === "missing") {
    ctx.error(blob.label, `object ${obj.sha} is missing from the repository`);
    return undefined;
  }
  if (obj.kind === "failed") {
    ctx.error(blob.label, `object ${obj.sha} could not be read: ${obj.reason}`);
    return undefined;
  }
  if (obj.type !== "blob") {
    ctx.error(blob.label, `object ${obj.sha} is a ${obj.type}, not a file's content`);
    return undefined;
  }
  if (obj.kind === "small" && isLfsPointer(obj.bytes)) {
    ctx.skip("lfs-pointer");
    lfs.push(blob.label);
    return undefined;
  }
  const body = obj.kind === "small" ? obj.bytes : obj.body;
  return {
    id: blob.label,
    name: blob.path,
    provenance: blob.provenance(),
    bytes: body instanceof Uint8Array ? body : () => untilStopped(body),
    size: obj.size,
    ...(blob.patch && { patch: blob.patch }),
  };
}

/** Streams the items of the given blobs, each read once through one cat-file process. */
export async function* blobItems(
  dir: string,
  blobs: BlobItem[],
  ctx: SourceContext,
  opts: { keepIndex?: boolean; signal?: AbortSignal; objects?: AsyncIterable<BatchObject> } = {},
): AsyncGenerator<Item> {
  const lfs: string[] = [];
  // `objects`, when given, is a reader already started on the same ids in the same order
  const objects =
    opts.objects ??
    catFileObjects(
      dir,
      blobs.map((b) => b.sha),
      opts,
    );
  for await (const obj of objects) {
    if (opts.signal?.aborted) return;
    const item = blobItem(obj, blobs[obj.index]!, ctx, lfs);
    if (item) yield item;
  }
  if (lfs.length) {
    const shown = lfs.slice(0, 5).join(", ") + (lfs.length > 5 ? `, and ${lfs.length - 5} more` : "");
    ctx.notice(
      `${lfs.length} Git LFS pointer${lfs.length > 1 ? "s" : ""} not scanned (the content lives on the LFS server): ${shown}`,
    );
  }
}
