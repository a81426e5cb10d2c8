/**
 * The content layer's one entry: whatever a source read becomes chunks here. Bytes are sniffed
 * once, by `contentKind` (the decision the off-thread file reader makes too), in this order: a
 * HAR (by its name, or because the source says so), an archive (by its first bytes, whatever its
 * name), text in its encoding (UTF-8, UTF-16), or binary (searched for known secrets only). Archive members and decompressed streams come back through here, with the
 * limits of the outermost archive, so a zip in a git blob or a HAR attached to a ticket is read
 * like a file in a folder. Text a source already decoded (a message field) is only chunked.
 * The archive and HAR readers load only when such content is met (start-up time).
 */
import { open } from "node:fs/promises";
import { readReason } from "../errors.js";
import type { ByteItem, Chunk, Item, SourceContext, TextItem } from "../types.js";
import type { Nesting } from "./archive-scope.js";
import { decodeBytes, decodeText, type Encoding, SNIFF_BYTES } from "./decode.js";
import { heldBytes } from "./held-bytes.js";
import { contentKind, isArchiveKind } from "./kind.js";
import { cleanLogChunk } from "./log-clean.js";
import { peekHead } from "./streams.js";
import { chunkOptions, DEFAULT_CHUNK_SIZE, DEFAULT_OVERLAP, type TextPiece, textPieces } from "./text.js";

/** Chunks of one item, whatever it holds; `nest` says where an archive member sits. */
export async function* chunksOf(
  item: Item,
  ctx: SourceContext,
  nest: Nesting = { depth: 0 },
): AsyncGenerator<Chunk> {
  if ("text" in item) {
    yield* textItemChunks(item, ctx);
    return;
  }
  const { head, stream } = await headOf(item);
  const kind = contentKind(item.name, item.as, head);
  if (kind === "har") {
    const { harItemChunks } = await import("./har-item.js");
    // a streamed HAR is read from its peeked stream (the head is not read twice)
    const bytes = item.bytes instanceof Uint8Array || item.file ? item.bytes : stream;
    yield* harItemChunks({ ...item, bytes }, ctx);
    return;
  }
  if (isArchiveKind(kind)) {
    const { archiveChunks } = await import("./archive.js");
    yield* archiveChunks(item, kind, stream(), ctx, nest, chunksOf);
    return;
  }
  yield* byteChunks(item, kind, stream, ctx, head);
}

/** The chunks of one item; an item that cannot be read (in full) becomes an error item. */
export async function* readItem(item: Item, ctx: SourceContext): AsyncGenerator<Chunk> {
  try {
    yield* chunksOf(item, ctx);
  } catch (err) {
    ctx.error(item.id, readReason(err));
  }
}

/** One buffer as a stream. */
export async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * The first bytes of an item and its whole byte stream. A file is peeked at with a small read
 * and opened for streaming only when read (a zip on disk is then opened in place instead).
 */
async function headOf(
  item: ByteItem,
): Promise<{ head: Uint8Array; stream: () => AsyncIterable<Uint8Array> }> {
  const bytes = item.bytes;
  if (bytes instanceof Uint8Array) return { head: bytes.subarray(0, SNIFF_BYTES), stream: () => once(bytes) };
  if (item.file) return { head: await readHead(item.file, SNIFF_BYTES), stream: bytes };
  const peeked = await peekHead(bytes(), SNIFF_BYTES);
  return { head: peeked.head, stream: () => peeked.stream };
}

/** The first `n` bytes of a file. */
async function readHead(file: string, n: number): Promise<Uint8Array> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Chunks of bytes that are no archive: decoded text, or binary for the known-secret matcher. */
async function* byteChunks(
  item: ByteItem,
  encoding: Encoding,
  stream: () => AsyncIterable<Uint8Array>,
  ctx: SourceContext,
  head: Uint8Array,
): AsyncGenerator<Chunk> {
  if (encoding === "binary") {
    // pattern rules never run on binary text; a small key file's bytes go to the byte checks
    ctx.skip("binary");
    const held = await heldBytes(item, head, stream);
    if (held.bytes) {
      const { provenance, id } = item;
      yield { text: "", line: 1, column: 1, provenance, target: ctx.target, item: id, bytes: held.bytes };
    }
    // a byte-level copy of a known secret is still a copy
    if (!ctx.readBinary) return;
    yield* pieces(item, decodeBytes(counted(held.stream(), ctx)), ctx, true);
    return;
  }
  const whole = encoding === "utf-8" ? wholeText(item, ctx) : undefined;
  if (whole) {
    yield whole;
    return;
  }
  ctx.count({ items: 1 });
  yield* pieces(item, decodeText(counted(stream(), ctx), encoding), ctx, false);
}

const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

/**
 * Most items (blobs, small files) are a few UTF-8 bytes in memory: made one chunk here without
 * the stream layers (they tripled the time per blob on the git bench). Undefined: not such an item.
 */
function wholeText(item: ByteItem, ctx: SourceContext): Chunk | undefined {
  const bytes = item.bytes;
  if (!(bytes instanceof Uint8Array) || bytes.length > DEFAULT_CHUNK_SIZE + DEFAULT_OVERLAP) return undefined;
  ctx.count({ items: 1, bytes: bytes.length });
  return finish(item, ctx, { text: utf8.decode(bytes), line: 1, column: 1, offset: 0 });
}

/** Counts bytes as they are read. */
async function* counted(stream: AsyncIterable<Uint8Array>, ctx: SourceContext): AsyncGenerator<Uint8Array> {
  for await (const b of stream) {
    ctx.count({ bytes: b.length });
    yield b;
  }
}

/** Overlapping chunks of a decoded stream. */
async function* pieces(
  item: ByteItem,
  texts: AsyncIterable<string>,
  ctx: SourceContext,
  binary: boolean,
): AsyncGenerator<Chunk> {
  for await (const p of textPieces(texts, chunkOptions(ctx))) yield finish(item, ctx, p, binary);
}

/** A piece as a chunk of the item: log noise stripped when the source asked, the source's patch. */
function finish(item: ByteItem, ctx: SourceContext, p: TextPiece, binary = false): Chunk {
  const { provenance, id } = item;
  let c: Chunk = { text: p.text, line: p.line, column: p.column, provenance, target: ctx.target, item: id };
  if (p.tailStart !== undefined) c.tailStart = p.tailStart;
  if (binary) c.binary = true;
  if (item.as === "log" && !binary) c = cleanLogChunk(c);
  return item.patch ? item.patch(c) : c;
}

/** Chunks of text a source already decoded; long text is split like any other. */
async function* textItemChunks(item: TextItem, ctx: SourceContext): AsyncGenerator<Chunk> {
  const line = item.line ?? 1;
  const column = item.column ?? 1;
  const { chunkSize = DEFAULT_CHUNK_SIZE, overlap = DEFAULT_OVERLAP } = chunkOptions(ctx);
  if (item.text.length <= chunkSize + overlap) {
    yield {
      text: item.text,
      line,
      column,
      provenance: item.provenance,
      target: ctx.target,
      item: item.id,
      ...(item.position && { position: item.position }),
    };
    return;
  }
  for await (const p of textPieces(oneString(item.text), chunkOptions(ctx))) {
    const at = item.position;
    yield {
      text: p.text,
      line: line + p.line - 1,
      column: p.line === 1 ? column + p.column - 1 : p.column,
      provenance: item.provenance,
      target: ctx.target,
      item: item.id,
      ...(p.tailStart !== undefined && { tailStart: p.tailStart }),
      ...(at && { position: (o: number) => at(p.offset + o) }),
    };
  }
}

async function* oneString(text: string): AsyncGenerator<string> {
  yield text;
}
