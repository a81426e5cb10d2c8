/**
 * A range of raw bytes made into pieces, decoded only where it must be. With a byte check
 * (known-bytes.ts) the range is split into stretches: a stretch the check clears becomes empty
 * pieces undecoded (byte-pieces.ts); only the stretches around its hits are decoded and matched.
 * A needle's 32-bit hash meets a window of code every 60 KB or so with 100,000 secrets, and a
 * 4 MB bundle with one base64 run used to be decoded whole for it.
 * Each stretch is split like a range of its own (file-range.ts): its last piece runs on into the
 * next by a tail, so a copy that starts in it is found whole, once. A cleared stretch ends two
 * reaches before the next hit (no copy starts in it: one would hold a hit before that one), and a
 * decoded one runs a reach past its last hit and on until a clean stretch worth its piece follows,
 * so every place the matcher decodes around a hit lies in the decoded text, as in a whole file.
 */
import { bytePieces } from "./byte-pieces.js";
import {
  type ByteRange,
  type Clearing,
  checkOf,
  decodeBytes,
  type Pos,
  type RangeEncoding,
  readFull,
  scratchOf,
  shiftPos,
  skip,
  tailBytes,
  textEnd,
} from "./file-range.js";
import { advance, type ChunkOptions, PieceSplitter, type TextPiece } from "./text.js";

/** The shortest cleared stretch between two decoded ones (bytes): each stretch costs a piece. */
const MIN_CLEAN = 8 << 10;
/** How far past a hit a decoded stretch runs at least (bytes). */
const MIN_DIRTY = 4 << 10;

/** Bytes [a, b) of buf, then a tail to n, as pieces of a range (lines and columns from a). */
export interface Stretch {
  a: number;
  b: number;
  n: number;
}

type Emit = (p: TextPiece) => void;

/** Empty pieces of a cleared stretch; the position past b (relative to a). */
function cleanPieces(
  buf: Buffer,
  s: Stretch,
  enc: RangeEncoding,
  chunk: ChunkOptions | undefined,
  out: Emit,
): Pos {
  const { pieces, end } = bytePieces(buf, s.a, s.b, chunk);
  const last = pieces.at(-1);
  if (s.b < s.n && last) last.tailStart = s.b - s.a - last.offset;
  for (const p of pieces) out(p);
  return enc === "utf-8" ? textEnd(buf, s.a, s.b, end) : end;
}

/** Decoded pieces of a stretch, its tail on the last; the position past b (relative to a). */
function textPieces(
  buf: Buffer,
  s: Stretch,
  enc: RangeEncoding | "utf-16le" | "utf-16be",
  chunk: ChunkOptions | undefined,
  out: Emit,
): Pos {
  const splitter = new PieceSplitter(chunk);
  let pos: Pos = { line: 1, column: 1 };
  decodeBytes(buf, s.a, s.b, enc, (t) => {
    pos = advance(pos, t);
    for (const p of splitter.push(t)) out(p);
  });
  const last = splitter.end();
  if (s.b < s.n && last.length) {
    let tail = "";
    decodeBytes(buf, s.b, s.n, enc, (t) => {
      tail += t;
    });
    const p = last[0]!;
    last[0] = { ...p, text: p.text + tail, tailStart: p.text.length };
  }
  for (const p of last) out(p);
  return pos;
}

/** The character boundary at or before i (not before lo): UTF-8 continuation bytes are stepped over. */
function boundary(buf: Buffer, i: number, lo: number, enc: RangeEncoding): number {
  let k = i;
  while (enc === "utf-8" && k > lo && (buf[k]! & 0xc0) === 0x80) k--;
  return k;
}

/**
 * The stretches of [a, b): [start, end, clean] each, from the check's hits. `reach`: bytes around
 * a hit a copy or its decoding may take.
 */
function stretches(
  buf: Buffer,
  a: number,
  b: number,
  n: number,
  enc: RangeEncoding,
  clear: Clearing,
): [number, number, boolean][] {
  const check = checkOf(clear);
  const ascii = enc === "utf-8";
  const reach = (enc === "utf-8" ? 3 : 1) * check.reach;
  const out: [number, number, boolean][] = [];
  let s = a;
  let h = check.hit(buf, a, n, ascii);
  while (s < b) {
    if (h === -1 || h === -2) {
      out.push([s, b, h === -1]);
      break;
    }
    const e = boundary(buf, Math.min(b, h - 2 * reach), s, enc);
    if (e - s >= MIN_CLEAN || (e === b && e > s)) {
      out.push([s, e, true]);
      s = e;
      if (s >= b) break;
    }
    // the decoded stretch grows while the next hit leaves no clean stretch worth its piece before it
    let e2 = b;
    for (;;) {
      e2 = boundary(buf, Math.min(b, h + Math.max(MIN_DIRTY, reach)), s + 1, enc);
      h = e2 >= b ? -1 : check.hit(buf, e2, n, ascii);
      if (h === -2) e2 = b;
      if (h < 0 || h - 2 * reach - e2 >= MIN_CLEAN) break;
    }
    out.push([s, e2, false]);
    s = e2;
  }
  return out;
}

/**
 * Hands over the pieces of buf[a, b) and its tail to n (lines and columns from a), cleared
 * undecoded where `clear` allows; the position past b (relative to a). buf has 16 spare bytes past n.
 */
export function rangePieces(
  buf: Buffer,
  r: Stretch,
  enc: RangeEncoding | "utf-16le" | "utf-16be",
  chunk: ChunkOptions | undefined,
  onPiece: Emit,
  clear?: Clearing,
): Pos {
  if (!clear || (enc !== "binary" && enc !== "utf-8")) return textPieces(buf, r, enc, chunk, onPiece);
  buf.fill(0, r.n, r.n + 16);
  const reach = (enc === "utf-8" ? 3 : 1) * checkOf(clear).reach;
  let pos: Pos = { line: 1, column: 1 };
  for (const [s, e, clean] of stretches(buf, r.a, r.b, r.n, enc, clear)) {
    // the last stretch keeps the range's tail; one before it needs the reach of its last copy
    const n = e === r.b ? r.n : Math.min(r.n, e + 2 * reach + 64);
    const at = pos;
    const out: Emit = (p) => onPiece({ ...p, ...shiftPos(at, p), offset: p.offset + s - r.a });
    pos = shiftPos(at, (clean ? cleanPieces : textPieces)(buf, { a: s, b: e, n }, enc, chunk, out));
  }
  return pos;
}

/**
 * Reads one range of an open file into pieces (lines and columns from the range's start); the
 * bytes it covers (without the overlap) and the position just past them. With `clear`, bytes
 * that hold no copy are split into empty pieces undecoded.
 */
export function readRange(
  fd: number,
  r: ByteRange,
  chunk: ChunkOptions | undefined,
  onPiece: (p: TextPiece) => void,
  clear?: Clearing,
): { bytes: number; end: Pos } {
  const want = Math.min(r.size, r.to + tailBytes(chunk)) - r.from;
  const buf = scratchOf(want);
  const n = readFull(fd, buf.subarray(0, want), r.from);
  const a = skip(buf, 0, n, r);
  const to = Math.min(n, r.to - r.from);
  const b = r.to >= r.size ? n : to + skip(buf, to, n, r);
  return { bytes: b - a, end: rangePieces(buf, { a, b, n }, r.encoding, chunk, onPiece, clear) };
}
