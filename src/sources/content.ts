/**
 * What a file holds, decided by its name and first bytes: a `.har` capture, an archive (zip,
 * tar, gzip: told by magic bytes, whatever the name), or text. Every PATH-like source (fs,
 * logs) reads files through here, so archives and HAR files are read the same way everywhere;
 * under a logs: source, text has its CI noise stripped (positions still refer to the file).
 */
import { open, stat } from "node:fs/promises";
import type { Chunk, Provenance, SourceContext } from "../types.js";
import { archiveFileChunks, archiveKind } from "./archive.js";
import { harFileChunks, isHarName } from "./har.js";
import { cleanLogChunk } from "./log-clean.js";
import { fileBytes, itemChunks } from "./text.js";

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

/** Chunks of one file on disk, whatever it holds. */
export async function* contentChunks(
  file: string,
  ctx: SourceContext,
  provenance: Provenance,
): AsyncGenerator<Chunk> {
  const shown = provenance.path ?? file;
  if (isHarName(file)) {
    yield* harFileChunks(file, ctx, shown);
    return;
  }
  const kind = archiveKind(await readHead(file));
  if (kind) {
    const { size } = await stat(file);
    yield* archiveFileChunks(file, kind, size, ctx, { ...provenance, path: shown }, () => fileBytes(file));
    return;
  }
  const isLog = provenance.source === "logs";
  for await (const c of itemChunks(fileBytes(file), provenance, ctx)) yield isLog ? cleanLogChunk(c) : c;
}
