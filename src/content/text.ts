/**
 * Bytes to chunks: UTF-8 decoding (invalid bytes never stop anything), binary detection, and
 * overlapping chunks of bounded size with exact line and column, so memory stays flat on a
 * 10 GB file and a copy that straddles a boundary is still found (DECISIONS.md 6).
 */
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { Chunk, Provenance, SourceContext } from "../types.js";

/** Chunk size and overlap in characters. The overlap must exceed the longest copy (an encoded PEM key). */
export interface ChunkOptions {
  chunkSize?: number;
  overlap?: number;
}

/** Chunk size and overlap from the scan options (tests use small ones). */
export function chunkOptions(ctx: Pick<SourceContext, "options">): ChunkOptions {
  const { chunkSize, overlap } = ctx.options as { chunkSize?: number; overlap?: number };
  return { chunkSize, overlap };
}

/**
 * 104 KiB + 16 KiB: a chunk's string stays under V8's 128 KiB large-object size, so the garbage
 * of a long scan is swept by cheap young-generation collections instead of piling up in old space
 * until a full collection (peak RSS). Pieces end at line ends where they can, so a copy inside one
 * line (an encoded key) is whole in some piece up to the overlap, 16 KiB, and a copy over several
 * lines up to half of it, 8 KiB (an 8192-bit RSA key PEM is about 6.5 KiB).
 */
export const DEFAULT_CHUNK_SIZE = 104 << 10;
export const DEFAULT_OVERLAP = 16 << 10;

/** A piece of decoded text with the position of its first character. */
export interface TextPiece {
  text: string;
  line: number;
  column: number;
  /** Matches starting at or after this offset are left to the next piece (absent on the last). */
  tailStart?: number;
}

/** True when the first bytes look binary (a NUL byte, as git and ripgrep decide). */
export function isBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8000);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

/** Advances a line/column position over `text`. */
export function advance(
  pos: { line: number; column: number },
  text: string,
): { line: number; column: number } {
  let { line, column } = pos;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  column = last === -1 ? column + text.length : text.length - last;
  return { line, column };
}

/** Splits a stream of strings into overlapping pieces of at most chunkSize + overlap characters. */
export async function* textPieces(
  texts: AsyncIterable<string>,
  opts: ChunkOptions = {},
): AsyncGenerator<TextPiece> {
  const size = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const overlap = Math.min(opts.overlap ?? DEFAULT_OVERLAP, size);
  let buf = "";
  let pos = { line: 1, column: 1 };
  for await (const t of texts) {
    // buf never grows past one piece, so no string built here exceeds a piece's size
    for (let off = 0; off < t.length; ) {
      const take = Math.min(t.length - off, size + overlap - buf.length);
      buf += take === t.length ? t : t.slice(off, off + take);
      off += take;
      while (buf.length >= size + overlap) {
        // Prefer to cut after a newline so most pieces are whole lines.
        let cut = buf.lastIndexOf("\n", size + overlap - 1) + 1;
        if (cut <= overlap || cut <= size / 2) cut = size + overlap;
        const text = buf.slice(0, cut);
        // Start the overlap at a line start where one is near, so the next piece rarely begins inside a copy.
        const nl = buf.indexOf("\n", cut - overlap);
        const tailStart = nl !== -1 && nl + 1 < cut - overlap / 2 ? nl + 1 : cut - overlap;
        yield { text, line: pos.line, column: pos.column, tailStart };
        pos = advance(pos, buf.slice(0, tailStart));
        buf = buf.slice(tailStart);
      }
    }
  }
  if (buf.length > 0 || pos.line === 1) yield { text: buf, line: pos.line, column: pos.column };
}

/**
 * Decodes bytes as UTF-8 (replacement characters for invalid bytes, a leading BOM dropped, as
 * TextDecoder does), as a stream of strings. StringDecoder: several times TextDecoder's speed.
 */
export async function* decodeUtf8(bytes: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const dec = new StringDecoder("utf8");
  let first = true;
  for await (const b of bytes) {
    let t = typeof b === "string" ? b : dec.write(b as Buffer);
    if (first && t) {
      first = false;
      if (t.charCodeAt(0) === 0xfeff && typeof b !== "string") t = t.slice(1);
    }
    if (t) yield t;
  }
  let rest = dec.end();
  if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  if (rest) yield rest;
}

/** Peeks at the first bytes of a stream to decide whether it is binary, without losing them. */
export async function peekBinary(
  bytes: AsyncIterable<Uint8Array>,
): Promise<{ binary: boolean; stream: AsyncIterable<Uint8Array> }> {
  const it = bytes[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let n = 0;
  let done = false;
  while (n < 8000) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
    n += r.value.length;
  }
  const joined = Buffer.concat(head);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (joined.length) yield joined;
    if (!done) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { binary: isBinary(joined), stream: rest() };
}

/**
 * Chunks of one item (a file, a blob, an archive member): skips binary items (counted),
 * counts bytes, and yields chunks with the given provenance.
 */
export async function* itemChunks(
  bytes: AsyncIterable<Uint8Array>,
  provenance: Provenance,
  ctx: Pick<SourceContext, "count">,
  opts: ChunkOptions = {},
): AsyncGenerator<Chunk> {
  const { binary, stream } = await peekBinary(bytes);
  if (binary) {
    ctx.count({ skipped: 1 });
    return;
  }
  ctx.count({ items: 1 });
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const b of stream) {
      ctx.count({ bytes: b.length });
      yield b;
    }
  }
  for await (const p of textPieces(decodeUtf8(counted()), opts)) {
    yield { text: p.text, line: p.line, column: p.column, tailStart: p.tailStart, provenance };
  }
}

/** Chunks of a string already in memory (API payloads, small fields). */
export function stringChunks(text: string, provenance: Provenance, line = 1, column = 1): Chunk[] {
  return [{ text, provenance, line, column }];
}

/** A file's bytes as a stream, 96 KiB reads: their decoded strings stay under V8's large-object size. */
export function fileBytes(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: 96 << 10 });
}
