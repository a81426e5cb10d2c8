/**
 * The known-secret hunt over raw bytes, before any decoding: most files hold no copy, and saying
 * so from the bytes as read spares decoding them, splitting them into pieces and matching the
 * strings. It is a test, not a matcher: a file it cannot clear is decoded and matched as ever.
 * Bytes read as latin1 text (binary files, UTF-8 files that are all ASCII) give the very
 * window hashes the string scan computes, so the same filter probe at every 4th byte, then the
 * same bucket check, then the first step of what `known.ts` does with a hit (a needle's window
 * must be all run characters; a secret's window must have a matching neighbour: a reported piece
 * is 16 characters or more, four windows), clear a file only when matching it finds nothing.
 * Any UTF-8 file when the manifest says every secret is ASCII: each of their forms is then the
 * same bytes in it, whatever else the file holds (positions are then counted by file-range.ts).
 */
import { isAscii } from "node:buffer";
import { mix, WIN } from "../manifest/keys.js";
import { holds, windowsOf } from "../manifest/tables.js";
import { entryOf, type KnownIndex } from "./known-index.js";
import { inRun } from "./known-near.js";
import { PROBE_BLOCK, probeBlock } from "./known-probe.js";

const WINDOW = 13;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const PEM = Buffer.from("-----BEGIN ");
const [K0, K1, K2, K3] = Array.from(new Int32Array(WIN.buffer, WIN.byteOffset, 4)) as [
  number,
  number,
  number,
  number,
];

/**
 * True when the indexes allow checking bytes (windows only: no short secrets). `whole`: and
 * clearing whole files pays: with a filter past the core's cache (some 10,000 secrets and more) a
 * window of code collides with a needle every 60 KB or so, so most files would be probed twice;
 * the first-hit check (`bytesHit`) pays at any size, as only the bytes around a hit are decoded.
 */
export function bytesCheckable(indexes: KnownIndex[], whole = true): boolean {
  return (
    LITTLE_ENDIAN &&
    indexes.every((ix) => ix.needles && ix.short.size === 0 && (!whole || ix.bitmap.length <= 1 << 18))
  );
}

/** The window hash of buf at byte i (latin1, as `windowHash` of the decoded text). */
function hashAt(buf: Uint8Array, i: number): number {
  const g = (k: number) => buf[k]! | (buf[k + 1]! << 8) | (buf[k + 2]! << 16) | (buf[k + 3]! << 24);
  return mix(g(i), g(i + 4), g(i + 8), buf[i + 12]!);
}

/** True when the window hit at byte i may start a copy (see the file comment). */
function mayCopy(ix: KnownIndex, buf: Uint8Array, n: number, i: number, h: number): boolean {
  let found = false;
  windowsOf(ix, h, (w) => {
    if (found) return;
    if (w === ix.needle) {
      let run = true;
      for (let k = i; k < i + WINDOW && run; k++) run = inRun(buf[k]!);
      found = run;
      return;
    }
    const e = entryOf(ix, w);
    const k = w - ix.base[e]!;
    const next = k + 1 < ix.base[e + 1]! - ix.base[e]! && i + 1 + WINDOW <= n;
    found =
      (next && holds(ix, hashAt(buf, i + 1), w + 1)) ||
      (k > 0 && i > 0 && holds(ix, hashAt(buf, i - 1), w - 1));
  });
  return found;
}

/** True when the Bloom filter may hold h. */
function mayHold(bitmap: Int32Array, shift: number, h: number): boolean {
  const m = Math.imul(h, 0x2545f491);
  const mask = (1 << (m >>> 27)) | (1 << ((m >>> 22) & 31)) | (1 << ((m >>> 17) & 31));
  return (bitmap[h >>> shift]! & mask) === mask;
}

/** Probes hashed per block when the filter is past the core's cache (then probed as a batch). */
const BLOCK = PROBE_BLOCK;
const hashes = new Int32Array(BLOCK);
const candidates = new Int32Array(BLOCK);

/**
 * The first byte at or after `from` (rounded down to a multiple of 4) where a window of buf[0, n)
 * may start a copy of ix's secrets: no window starting before it does. -1: none; -2: the rest
 * cannot be cleared (a PEM header, or with `ascii` a byte over 127). buf must be 4-byte aligned
 * with 16 bytes after n that the caller has zeroed.
 */
export function bytesHit(ix: KnownIndex, buf: Uint8Array, from: number, n: number, ascii: boolean): number {
  const rest = Buffer.from(buf.buffer, buf.byteOffset + from, n - from);
  if (ix.pem.size && rest.includes(PEM)) return -2;
  if (ascii && !isAscii(rest)) return -2;
  const w = new Uint32Array(buf.buffer, buf.byteOffset, (n + 16) >>> 2);
  const { bitmap, bitShift: shift } = ix;
  const last = (n - WINDOW) >> 2;
  const big = bitmap.length > 1 << 18;
  for (let j0 = from >> 2; j0 <= last; j0 += BLOCK) {
    const top = Math.min(last, j0 + BLOCK - 1);
    let a = w[j0]! | 0;
    let b = w[j0 + 1]! | 0;
    let c = w[j0 + 2]! | 0;
    for (let j = j0; j <= top; j++) {
      const d = w[j + 3]! | 0;
      // mix() inlined, its keys hoisted: this loop is the whole cost of a file with no copy
      let h = Math.imul(a ^ K0, 0x9e3779b1);
      h ^= h >>> 15;
      h = Math.imul(h ^ b ^ K1, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h ^ c ^ K2, 0xc2b2ae35);
      h ^= h >>> 16;
      h = Math.imul(h ^ (d & 255) ^ K3, 0x27d4eb2f);
      h ^= h >>> 15;
      if (big) hashes[j - j0] = h;
      else if (mayHold(bitmap, shift, h) && mayCopy(ix, buf, n, j << 2, h >>> 0)) return j << 2;
      a = b;
      b = c;
      c = d;
    }
    // a filter bigger than the core's cache is probed as a batch (known-probe.ts)
    if (big) {
      const m = probeBlock(ix, hashes, top - j0 + 1, candidates);
      for (let i = 0; i < m; i++) {
        const k = candidates[i]!;
        if (mayCopy(ix, buf, n, (j0 + k) << 2, hashes[k]! >>> 0)) return (j0 + k) << 2;
      }
    }
  }
  return -1;
}

/**
 * True when the first n bytes of buf hold no copy of ix's secrets (and, with `ascii`, no byte
 * over 127). buf must be 4-byte aligned with 16 bytes after n that the caller has zeroed.
 */
export function bytesClear(ix: KnownIndex, buf: Uint8Array, n: number, ascii: boolean): boolean {
  return bytesHit(ix, buf, 0, n, ascii) === -1;
}
