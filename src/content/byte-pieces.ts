/**
 * The pieces PieceSplitter would make of bytes that are one character each (latin1, or UTF-8
 * that is all ASCII), computed on the bytes: a file cleared undecoded (known-bytes.ts) still
 * becomes the same chunks, at the same lines and columns, without building its strings.
 */
import type { Pos } from "./file-range.js";
import { type ChunkOptions, DEFAULT_CHUNK_SIZE, DEFAULT_OVERLAP, type TextPiece } from "./text.js";

/** Advances pos over the bytes [s, e) of buf (as `advance` over their text). */
export function advanceBytes(pos: Pos, buf: Uint8Array, s: number, e: number): Pos {
  let { line, column } = pos;
  let last = -1;
  for (let i = buf.indexOf(10, s); i !== -1 && i < e; i = buf.indexOf(10, i + 1)) {
    line++;
    last = i;
  }
  column = last === -1 ? column + (e - s) : e - last;
  return { line, column };
}

/** The pieces (text left empty) of buf[s, e), and the position past it. */
export function bytePieces(
  buf: Uint8Array,
  s: number,
  e: number,
  opts: ChunkOptions = {},
): { pieces: TextPiece[]; end: Pos } {
  const size = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const overlap = Math.min(opts.overlap ?? DEFAULT_OVERLAP, size);
  const pieces: TextPiece[] = [];
  let pos: Pos = { line: 1, column: 1 };
  let base = s;
  // as PieceSplitter.cut: the splitter's buffer is then exactly the next size + overlap characters
  while (e - base >= size + overlap) {
    const full = base + size + overlap;
    let cut = buf.lastIndexOf(10, full - 1) + 1 - base;
    if (cut <= overlap || cut <= size / 2) cut = size + overlap;
    const at = buf.indexOf(10, base + cut - overlap);
    const nl = at !== -1 && at < full ? at - base : -1;
    const tailStart = nl !== -1 && nl + 1 < cut - overlap / 2 ? nl + 1 : cut - overlap;
    pieces.push({ text: "", line: pos.line, column: pos.column, offset: base - s, tailStart });
    pos = advanceBytes(pos, buf, base, base + tailStart);
    base += tailStart;
  }
  if (e > base || pos.line === 1)
    pieces.push({ text: "", line: pos.line, column: pos.column, offset: base - s });
  return { pieces, end: advanceBytes(pos, buf, base, e) };
}
