/**
 * Matching only what changed. Most blobs of a history are a file's previous version with a few
 * lines edited (on express, 212 MB of blobs hold 65 MB of changed lines and their context): a
 * version whose predecessor at the same path was read recently is searched only around the bytes
 * that differ (whole lines, with CONTEXT bytes either side), and the fold gives it its
 * predecessor's findings in the unchanged lines before and after (fold.ts). Only UTF-8 text is
 * cut (no BOM, no archive, no HAR): what the content layer would read as the same text.
 */
import { SNIFF_BYTES, sniffEncoding } from "../../content/decode.js";
import { archiveKind, isHarName } from "../../content/kind.js";
import type { SourceContext, TextItem } from "../../types.js";
import type { BlobInfo } from "./history.js";

/** Bytes kept either side of a change: longer than any one copy of a secret and a keyword's reach. */
const CONTEXT = 1024;
/** Recent text blobs kept for their successors (FIFO): on express 16 MB finds 92% of them. */
const CACHE_BYTES = 16 << 20;
/** A window over this share of the blob is not worth cutting: the whole blob is read. */
const WORTH = 0.6;

function newlines(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (b[i] === 10) n++;
  return n;
}

/** Length of the common prefix: blocks of doubling size compared natively, then halved. */
function commonPrefix(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  let step = 512;
  while (i < n) {
    const e = Math.min(n, i + step);
    if (a.compare(b, i, e, i, e) !== 0) {
      let hi = e;
      while (hi - i > 64) {
        const mid = (i + hi) >>> 1;
        if (a.compare(b, i, mid, i, mid) === 0) i = mid;
        else hi = mid;
      }
      while (i < n && a[i] === b[i]) i++;
      return i;
    }
    i = e;
    step *= 2;
  }
  return i;
}

/** Length of the common suffix, at most `max`. */
function commonSuffix(a: Buffer, b: Buffer, max: number): number {
  let s = 0;
  let step = 512;
  const la = a.length;
  const lb = b.length;
  while (s < max) {
    const t = Math.min(max, s + step);
    if (a.compare(b, lb - t, lb - s, la - t, la - s) !== 0) {
      let hi = t;
      while (hi - s > 64) {
        const mid = (s + hi) >>> 1;
        if (a.compare(b, lb - mid, lb - s, la - mid, la - s) === 0) s = mid;
        else hi = mid;
      }
      while (s < max && a[la - 1 - s] === b[lb - 1 - s]) s++;
      return s;
    }
    s = t;
    step *= 2;
  }
  return s;
}

/** The start of the line holding `at`. */
function lineStart(b: Uint8Array, at: number): number {
  return at <= 0 ? 0 : b.lastIndexOf(10, at - 1) + 1;
}

/** The start of the line after the one holding `at - 1` (the end when there is none). */
function nextLine(b: Uint8Array, at: number): number {
  if (at >= b.length) return b.length;
  const nl = b.indexOf(10, Math.max(0, at - 1));
  return nl === -1 ? b.length : nl + 1;
}

/** True for bytes the content layer reads as plain UTF-8 text from the first byte. */
function plainText(path: string, bytes: Buffer): boolean {
  if (isHarName(path)) return false;
  const head = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return false;
  return !archiveKind(head) && sniffEncoding(head) === "utf-8";
}

/** A version kept for its successor (a view into the ring), with its number of lines once counted. */
interface Kept {
  bytes: Buffer;
  at: number;
  lines?: number;
}

/** Recent text versions, and the cut of each new version against its predecessor. */
export class Deltas {
  private readonly cache = new Map<string, Kept>();
  /**
   * One buffer the kept versions are copied into in turn, the oldest overwritten first: no
   * allocation per blob (a buffer per blob fragmented the heap: +70 MB of RSS for 16 MB kept).
   */
  private ring?: Buffer;
  private next = 0;
  /** `size`: the ring's bytes (tests make it small). */
  constructor(private readonly size = CACHE_BYTES) {}

  private keep(sha: string, bytes: Buffer): Kept | undefined {
    const n = bytes.length;
    if (n > this.size / 8) return undefined;
    this.ring ??= Buffer.allocUnsafe(this.size);
    if (this.next + n > this.size) this.next = 0;
    const at = this.next;
    for (const [k, v] of this.cache) {
      // the oldest version is the next one in the ring after `at`: drop it while it is in the way
      if (v.at >= at + n || v.at + v.bytes.length <= at) break;
      this.cache.delete(k);
    }
    bytes.copy(this.ring, at);
    const kept: Kept = { bytes: this.ring.subarray(at, at + n), at };
    this.cache.set(sha, kept);
    this.next = at + n;
    return kept;
  }

  /**
   * The changed window of a blob as a text item when its predecessor is at hand and the change is
   * small (`info.cut` then says how to carry the predecessor's findings over); else undefined.
   */
  window(
    info: BlobInfo,
    bytes: Buffer,
    item: Omit<TextItem, "text">,
    ctx: SourceContext,
  ): TextItem | undefined {
    const prev = info.prev;
    info.prev = undefined;
    if (!plainText(info.path, bytes)) return undefined;
    const base = prev && this.cache.get(prev.sha);
    // cut before keeping: keeping this version may overwrite its base in the ring
    const own: { lines?: number } = {};
    const window = base && cutOf(info, prev, base, bytes, own);
    const kept = this.keep(info.sha, bytes);
    if (kept) kept.lines = own.lines;
    if (!window) return undefined;
    ctx.count({ items: 1, bytes: bytes.length });
    return { ...item, text: bytes.toString("utf8", window.from, window.to), line: window.top, column: 1 };
  }
}

/** Where to cut a version against its base (and `info.cut` set), or undefined when not worth it. */
function cutOf(info: BlobInfo, prev: BlobInfo, base: Kept, b: Buffer, own: { lines?: number }) {
  const a = base.bytes;
  const p = commonPrefix(a, b);
  const s = commonSuffix(a, b, Math.min(a.length, b.length) - p);
  const from = lineStart(b, p - CONTEXT);
  const tail = nextLine(b, b.length - s + CONTEXT);
  const to = nextLine(b, tail + CONTEXT);
  if (to - from > WORTH * b.length) return undefined;
  const top = 1 + linesAbove(base, b, own, from, to);
  const baseTailAt = tail - b.length + a.length;
  info.cut = {
    base: prev,
    top,
    tail: tail >= b.length ? Number.POSITIVE_INFINITY : top + newlines(b, from, tail),
    baseTail: baseTailAt >= a.length ? Number.POSITIVE_INFINITY : top + newlines(a, from, baseTailAt),
  };
  return { from, to, top };
}

/**
 * The lines of a version above its window [from, to), counted over the shorter of the parts
 * around the window: the version's line count follows from its base's and the two windows.
 */
function linesAbove(base: Kept, b: Buffer, own: { lines?: number }, from: number, to: number): number {
  const a = base.bytes;
  base.lines ??= newlines(a, 0, a.length);
  const inB = newlines(b, from, to);
  own.lines = base.lines - newlines(a, from, to - b.length + a.length) + inB;
  if (from <= b.length - to) return newlines(b, 0, from);
  return own.lines - inB - newlines(b, to, b.length);
}
