/**
 * Zip layers through yauzl. yauzl needs random access, so a zip nested in another archive is
 * spilled to a private temporary file (its bytes already counted by the budget) and removed after.
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
import type { ArchiveScope } from "./archive-scope.js";

/** Chunks of every member of a zip file on disk; `locator` names it in findings. */
export async function* zipFileChunks(
  file: string,
  locator: string,
  depth: number,
  scope: ArchiveScope,
): AsyncGenerator<Chunk> {
  const { ctx, budget } = scope;
  let zf: yauzl.ZipFile;
  try {
    zf = await yauzl.openPromise(file, {
      autoClose: false,
      strictFileNames: false,
      validateEntrySizes: true,
    });
  } catch (err) {
    ctx.error(locator, `corrupt or unreadable zip archive: ${reasonOf(err)}`);
    return;
  }
  try {
    for await (const entry of zf.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      const at = `${locator}!${entry.fileName}`;
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
        yield* scope.open(budget.count(stream, at), at, entry.fileName, depth, scope);
      } catch (err) {
        if (err instanceof ArchiveLimitError) throw err;
        ctx.error(at, `corrupt zip member: ${reasonOf(err)}`);
      } finally {
        stream.destroy();
      }
    }
  } catch (err) {
    if (err instanceof ArchiveLimitError) throw err;
    ctx.error(locator, `corrupt zip archive: ${reasonOf(err)}`);
  } finally {
    zf.close();
  }
}

/** Chunks of a zip met as a stream (a member of another archive): spilled to a temp file first. */
export async function* zipStreamChunks(
  bytes: AsyncIterable<Uint8Array>,
  locator: string,
  depth: number,
  scope: ArchiveScope,
): AsyncGenerator<Chunk> {
  const dir = await mkdtemp(path.join(tmpdir(), "residue-zip-"));
  try {
    const file = path.join(dir, "nested.zip");
    await pipeline(Readable.from(bytes), createWriteStream(file, { mode: 0o600 }));
    yield* zipFileChunks(file, locator, depth, scope);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
