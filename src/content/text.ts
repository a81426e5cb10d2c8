/**
 * The one chunker: decoded text to overlapping chunks of bounded size with exact line and column,
 * so memory stays flat on a 10 GB file and a copy that straddles a boundary is still found
 * (DECISIONS.md 6). What the bytes are and how they decode is decided in read.ts and decode.ts.
 */
import { createReadStream } from "node:fs";
import type { SourceContext } from "../types.js";

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
  /** Offset of text[0] in the whole text. */
  offset: number;
  /** Matches starting at or after this offset are left to the next piece (absent on the last). */
  tailStart?: number;
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

/**
 * Splits strings pushed one after another into overlapping pieces of at most chunkSize + overlap
 * characters (synchronous, so a worker thread reading a file with sync reads uses it too).
 */
export class PieceSplitter {
  private readonly size: number;
  private readonly overlap: number;
  private buf = "";
  private base = 0;
  private pos = { line: 1, column: 1 };
  constructor(opts: ChunkOptions = {}) {
    this.size = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
    this.overlap = Math.min(opts.overlap ?? DEFAULT_OVERLAP, this.size);
  }

  /** The pieces completed by `t`. */
  push(t: string): TextPiece[] {
    const { size, overlap } = this;
    const out: TextPiece[] = [];
    // buf never grows past one piece, so no string built here exceeds a piece's size
    for (let off = 0; off < t.length; ) {
      const take = Math.min(t.length - off, size + overlap - this.buf.length);
      this.buf += take === t.length ? t : t.slice(off, off + take);
      off += take;
      while (this.buf.length >= size + overlap) out.push(this.cut());
    }
    return out;
  }

  /** The last piece (an empty text still has one). */
  end(): TextPiece[] {
    const { buf, pos, base } = this;
    return buf.length > 0 || pos.line === 1
      ? [{ text: buf, line: pos.line, column: pos.column, offset: base }]
      : [];
  }

  private cut(): TextPiece {
    const { size, overlap, buf } = this;
    // Prefer to cut after a newline so most pieces are whole lines.
    let cut = buf.lastIndexOf("\n", size + overlap - 1) + 1;
    if (cut <= overlap || cut <= size / 2) cut = size + overlap;
    const text = buf.slice(0, cut);
    // Start the overlap at a line start where one is near, so the next piece rarely begins inside a copy.
    const nl = buf.indexOf("\n", cut - overlap);
    const tailStart = nl !== -1 && nl + 1 < cut - overlap / 2 ? nl + 1 : cut - overlap;
    const piece = { text, line: this.pos.line, column: this.pos.column, offset: this.base, tailStart };
    this.pos = advance(this.pos, buf.slice(0, tailStart));
    this.base += tailStart;
    this.buf = buf.slice(tailStart);
    return piece;
  }
}

/** Splits a stream of strings into overlapping pieces of at most chunkSize + overlap characters. */
export async function* textPieces(
  texts: AsyncIterable<string>,
  opts: ChunkOptions = {},
): AsyncGenerator<TextPiece> {
  const splitter = new PieceSplitter(opts);
  for await (const t of texts) yield* splitter.push(t);
  yield* splitter.end();
}

/** A file's bytes as a stream, 96 KiB reads: their decoded strings stay under V8's large-object size. */
export function fileBytes(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: 96 << 10 });
}
