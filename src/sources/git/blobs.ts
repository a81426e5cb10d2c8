/**
 * Blobs as items, shared by `git:` and `git-staged:`: each blob read once through one cat-file
 * process and handed to the content layer, which decides what it holds (text, an archive, a HAR,
 * binary); commit and tag messages as text items. Git LFS pointers are counted as skipped and named in one notice (the content lives on
 * the LFS server, not in the repository); a missing or unreadable object becomes an error item and
 * the rest goes on.
 */
import { hash } from "node:crypto";
import type { Chunk, Item, Provenance, SourceContext, TextItem } from "../../types.js";
import { type BatchObject, CatFileStopped, catFileObjects } from "./cat-file.js";
import { messageOf } from "./messages.js";

/** One object to read, under the name a person knows it by. */
export interface BlobItem {
  sha: string;
  /** A commit or annotated tag is read for its message; the default is a blob's whole content. */
  type?: "commit" | "tag";
  /** The blob's path (what content is told by: `.har`, `.zip`). */
  path: string;
  /** Built when the object is read (given to it when it is a commit or tag), so unread ones cost nothing. */
  provenance: (object?: Buffer) => Provenance;
  /** The item named in errors (e.g. `abc1234:path`); unique per blob. */
  label: string;
  /** Applied to each chunk (staged scans set patternLines). */
  patch?: (chunk: Chunk) => Chunk;
  /** Only the changed lines of a small blob, as text, when they are few (history: delta.ts). */
  window?: (bytes: Buffer, ctx: SourceContext) => TextItem | undefined;
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

/**
 * The message of a commit or annotated tag as a text item, or nothing for an empty message or one
 * already read (rebased and cherry-picked commits repeat their messages: each text is scanned once).
 */
function messageItem(
  obj: BatchObject,
  blob: BlobItem,
  ctx: SourceContext,
  seen: Set<string>,
): TextItem | undefined {
  if (obj.kind !== "small") {
    ctx.error(blob.label, `${blob.type} ${obj.sha} is over 1 MiB; its message was not scanned`);
    return undefined;
  }
  const message = messageOf(obj.bytes);
  if (!message.length) return undefined;
  const key = hash("sha1", message, "base64");
  if (seen.has(key)) return undefined;
  seen.add(key);
  ctx.count({ items: 1, bytes: message.length });
  return { id: blob.label, provenance: blob.provenance(obj.bytes), text: message.toString("utf8") };
}

/** The item of one object, or undefined after reporting why it cannot be read. */
function blobItem(
  obj: BatchObject,
  blob: BlobItem,
  ctx: SourceContext,
  lfs: string[],
  seen: Set<string>,
): Item | undefined {
  if (obj.kind === "missing") {
    ctx.error(blob.label, `object ${obj.sha} is missing from the repository`);
    return undefined;
  }
  if (obj.kind === "failed") {
    ctx.error(blob.label, `object ${obj.sha} could not be read: ${obj.reason}`);
    return undefined;
  }
  const want = blob.type ?? "blob";
  if (obj.type !== want) {
    ctx.error(
      blob.label,
      `object ${obj.sha} is a ${obj.type}, not a ${want === "blob" ? "file's content" : want}`,
    );
    return undefined;
  }
  if (blob.type) return messageItem(obj, blob, ctx, seen);
  if (obj.kind === "small" && isLfsPointer(obj.bytes)) {
    ctx.skip("lfs-pointer");
    lfs.push(blob.label);
    return undefined;
  }
  const cut = obj.kind === "small" ? blob.window?.(obj.bytes, ctx) : undefined;
  if (cut) return cut;
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
  const seen = new Set<string>();
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
    const item = blobItem(obj, blobs[obj.index]!, ctx, lfs, seen);
    if (item) yield item;
  }
  if (lfs.length) {
    const shown = lfs.slice(0, 5).join(", ") + (lfs.length > 5 ? `, and ${lfs.length - 5} more` : "");
    ctx.notice(
      `${lfs.length} Git LFS pointer${lfs.length > 1 ? "s" : ""} not scanned (the content lives on the LFS server): ${shown}`,
    );
  }
}
