/**
 * Keys and hash functions shared by manifests and the known-secret matcher.
 *
 * Every hash is keyed: the base key is the manifest's random salt, or HMAC(RESIDUE_MANIFEST_KEY,
 * salt) for keyed manifests (then the file alone cannot test a guess). Three kinds of values:
 * - the full fingerprint, HMAC-SHA-256 of the whole secret (exact copies);
 * - per 13-character window of a secret, a cheap 32-bit keyed window hash (scanned at every 4th
 *   text position). A reported piece is 16+ characters, so it spans 4+ consecutive windows that
 *   all matched (128+ bits of keyed agreement), and exact copies are confirmed by the HMAC;
 *   no per-window HMAC needs storing. The window hash is deliberately NOT a rolling hash: a
 *   rolling hash links neighbouring windows, so a stored table of them can be unwound character
 *   by character once the salt is known. Mixing four packed grams non-linearly means a stolen
 *   salt-only manifest still needs a whole window (13 characters, ~78 bits for a random token)
 *   guessed before anything is learned. Any copy of 16+ characters holds a window that starts
 *   at a multiple of 4 in the text, so stride-4 scanning misses no copy the contract asks for.
 * - for secrets shorter than 16 characters, a 32-bit hash of the whole secret (exact path only).
 */
import { createHmac } from "node:crypto";

/** Characters per window; windows start at every 4th text position (copies of 16+ always hold one). */
export const WINDOW = 13;
/** Secrets at least this long are matched by windows (exact and partial); shorter: exact only. */
export const MIN_WINDOWED = 16;

/** The derived keys of one manifest. */
export interface ManifestKeys {
  /** HMAC key of full fingerprints. */
  fp: Buffer;
  /** Four 32-bit keys of the window hash. */
  win: Uint32Array;
  /** A value that tells whether RESIDUE_MANIFEST_KEY is the right one (keyed manifests). */
  verifier: string;
}

/** Derives a manifest's keys from its salt and, for keyed manifests, RESIDUE_MANIFEST_KEY. */
export function deriveKeys(salt: string, key?: string): ManifestKeys {
  const saltBytes = Buffer.from(salt, "base64");
  const base = key ? createHmac("sha256", key).update(saltBytes).digest() : saltBytes;
  const sub = (label: string) => createHmac("sha256", base).update(label).digest();
  const w = sub("residue/v1/window");
  return {
    fp: sub("residue/v1/fingerprint"),
    win: new Uint32Array([w.readUInt32LE(0), w.readUInt32LE(4), w.readUInt32LE(8), w.readUInt32LE(12)]),
    verifier: sub("residue/v1/key-check").toString("base64").slice(0, 22),
  };
}

/** The full keyed fingerprint of a secret (base64 of HMAC-SHA-256). */
export function fingerprint(keys: ManifestKeys, value: string): string {
  return createHmac("sha256", keys.fp).update(value, "utf8").digest("base64");
}

/**
 * Four characters packed in 32 bits, little-endian (low byte of each; past the end counts as 0),
 * so the matcher can read grams as aligned 32-bit words of the text's latin1 bytes.
 */
export function gram(s: string, i: number): number {
  return (
    (s.charCodeAt(i) & 255) |
    ((s.charCodeAt(i + 1) & 255) << 8) |
    ((s.charCodeAt(i + 2) & 255) << 16) |
    ((s.charCodeAt(i + 3) & 255) << 24)
  );
}

/** Non-linear keyed mix of three grams and one character: the window hash. */
export function mix(a: number, b: number, c: number, d: number, k: Uint32Array): number {
  let h = Math.imul(a ^ k[0]!, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h ^ b ^ k[1]!, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ c ^ k[2]!, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ d ^ k[3]!, 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 0;
}

/** The window hash of s[i, i + WINDOW). */
export function windowHash(s: string, i: number, k: Uint32Array): number {
  return mix(gram(s, i), gram(s, i + 4), gram(s, i + 8), s.charCodeAt(i + 12) & 255, k);
}

/** The 32-bit hash of a whole short secret s[i, i + len) (len < MIN_WINDOWED). */
export function shortHash(s: string, i: number, len: number, k: Uint32Array): number {
  let h = Math.imul(len ^ k[0]!, 0x9e3779b1);
  for (let o = 0; o < len; o += 4) {
    const left = len - o;
    const g = left >= 4 ? gram(s, i + o) : gram(s, i + o) & ((1 << (8 * left)) - 1);
    h = Math.imul(h ^ g ^ k[(o >> 2) & 3]!, 0x85ebca6b);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ k[3]!, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The window hashes of a secret, one per offset (length − WINDOW + 1 values). */
export function secretWindows(keys: ManifestKeys, value: string): Uint32Array {
  const n = value.length - WINDOW + 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = windowHash(value, i, keys.win);
  return out;
}

/** The base64 body of the first PEM block of a value, without whitespace or literal \n escapes. */
export function pemBody(text: string, from = 0): { body: string; start: number; end: number } | undefined {
  const start = text.indexOf("-----BEGIN ", from);
  if (start === -1) return undefined;
  const headEnd = text.indexOf("-----", start + 11);
  if (headEnd === -1 || headEnd - start > 80) return undefined;
  const endAt = text.indexOf("-----END ", headEnd + 5);
  if (endAt === -1 || endAt - headEnd > 65536) return undefined;
  const close = text.indexOf("-----", endAt + 9);
  if (close === -1 || close - endAt > 80) return undefined;
  const label = text.slice(start + 11, headEnd);
  const body = text
    .slice(headEnd + 5, endAt)
    .replace(/\\[nr]/g, "")
    .replace(/\s+/g, "");
  return { body: `${label}:${body}`, start, end: close + 5 };
}
