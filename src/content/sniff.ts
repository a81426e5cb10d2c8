/**
 * What a file holds, decided by its name and first bytes: a `.har` capture, an archive (zip,
 * tar, gzip: told by magic bytes, whatever the name), or text. Every PATH-like source (fs,
 * logs) reads files through here, so archives and HAR files are read the same way everywhere;
 * under a logs: source, text has its CI noise stripped (positions still refer to the file).
 * The archive and HAR code is imported only when such a file is met (pre-commit start-up time).
 */
import { open, stat } from "node:fs/promises";
import type { Chunk, Provenance, SourceContext } from "../types.js";
import { archiveKind, isHarName } from "./kind.js";
import { cleanLogChunk } from "./log-clean.js";
import { chunkOptions, fileBytes, itemChunks } from "./text.js";

/** The first bytes of a file (enough to tell a tar). */
async function readHead(file: string, n = 512): Promise<Buffer> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Chunks of one file on disk, whatever it holds; `bytes` when the caller already read it (a zip
 * is still reopened from disk: yauzl needs random access).
 */
export async function* contentChunks(
  file: string,
  ctx: SourceContext,
  provenance: Provenance,
  bytes?: Uint8Array,
): AsyncGenerator<Chunk> {
  const shown = provenance.path ?? file;
  if (isHarName(file)) {
    const { harFileChunks, harTextChunks, maxHarBytes } = await import("./har.js");
    if (bytes && bytes.length <= maxHarBytes(ctx)) {
      ctx.count({ bytes: bytes.length });
      yield* harTextChunks(Buffer.from(bytes).toString("utf8"), shown, ctx);
    } else yield* harFileChunks(file, ctx, shown);
    return;
  }
  const head = bytes ? bytes.subarray(0, 512) : await readHead(file);
  const kind = archiveKind(head);
  if (kind) {
    const { archiveFileChunks } = await import("./archive.js");
    const size = bytes ? bytes.length : (await stat(file)).size;
    const read = () => (bytes ? once(bytes) : fileBytes(file));
    yield* archiveFileChunks(file, kind, size, ctx, { ...provenance, path: shown }, read);
    return;
  }
  const isLog = provenance.source === "logs";
  const stream = bytes ? once(bytes) : fileBytes(file);
  for await (const c of itemChunks(stream, provenance, ctx, chunkOptions(ctx)))
    yield isLog ? cleanLogChunk(c) : c;
}

/** One buffer as a stream. */
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
