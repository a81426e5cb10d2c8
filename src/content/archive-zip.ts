/**
 * Zip layers through yauzl, which needs random access: a zip on disk is read in place, one in
 * memory (a git blob, an attachment) from its buffer, and one met as a stream (a member of another
 * archive) is spilled to a private temporary file (its bytes already counted by the budget).
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { reasonOf } from "../errors.js";
import type { Chunk } from "../types.js";
import { ArchiveLimitError } from "./archive-limits.js";
import { type ArchiveScope, memberItem, readMember } from "./archive-scope.js";

const OPTIONS: yauzl.Options = { autoClose: false, strictFileNames: false, validateEntrySizes: true };

/** Chunks of every member of a zip layer. */
export async function* zipChunks(
  scope: ArchiveScope,
  bytes: AsyncIterable<Uint8Array>,
): AsyncGenerator<Chunk> {
  const { archive } = scope;
  if (archive.bytes instanceof Uint8Array) {
    yield* zipMembers(scope, () =>
      yauzl.fromBufferPromise(Buffer.from(archive.bytes as Uint8Array), OPTIONS),
    );
    return;
  }
  if (archive.file) {
    yield* zipMembers(scope, () => yauzl.openPromise(archive.file!, OPTIONS));
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "residue-zip-"));
  try {
    const file = path.join(dir, "nested.zip");
    await pipeline(Readable.from(bytes), createWriteStream(file, { mode: 0o600 }));
    yield* zipMembers(scope, () => yauzl.openPromise(file, OPTIONS));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads the members of an opened zip; a bad member is an error item, the others are read. */
async function* zipMembers(scope: ArchiveScope, open: () => Promise<yauzl.ZipFile>): AsyncGenerator<Chunk> {
  const { ctx, budget, archive } = scope;
  let zf: yauzl.ZipFile;
  try {
    zf = await open();
  } catch (err) {
    ctx.error(archive.id, `corrupt or unreadable zip archive: ${reasonOf(err)}`);
    return;
  }
  try {
    for await (const entry of zf.eachEntry()) {
      if (entry.fileName.endsWith("/") || ctx.skipPath?.(entry.fileName)) continue;
      const at = `${archive.id}!${entry.fileName}`;
      budget.entry(at);
      if (entry.isEncrypted()) {
        ctx.error(at, "encrypted zip member; it cannot be read without its password");
        continue;
      }
      let stream: Readable;
      try {
        stream = await zf.openReadStreamPromise(entry);
      } catch (err) {
        ctx.error(at, `unreadable zip member: ${reasonOf(err)}`);
        continue;
      }
      try {
        yield* readMember(scope, memberItem(scope, entry.fileName, budget.count(stream, at)));
      } catch (err) {
        if (err instanceof ArchiveLimitError) throw err;
        ctx.error(at, `corrupt zip member: ${reasonOf(err)}`);
      } finally {
        stream.destroy();
      }
    }
  } catch (err) {
    if (err instanceof ArchiveLimitError) throw err;
    ctx.error(archive.id, `corrupt zip archive: ${reasonOf(err)}`);
  } finally {
    zf.close();
  }
}
