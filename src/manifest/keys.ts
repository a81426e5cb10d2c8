/**
 * Hash functions shared by manifests and the known-secret matcher, and a manifest's derived keys.
 *
 * Three kinds of values, all useless without the manifest's key (kept outside the file):
 * - the full fingerprint, HMAC-SHA-256 of the whole secret under a key derived from the manifest
 *   key (exact copies are confirmed by it);
 * - per 13-character window of a secret, a fast 32-bit window hash (computed at every 4th text
 *   position), stored sealed by a keyed 32-bit permutation (seal.ts). A reported piece is 16+
 *   characters, so it spans 4+ consecutive windows that all matched. Any copy of 16+ characters
 *   holds a window that starts at a multiple of 4 in the text, so stride-4 scanning misses no
 *   copy the contract asks for. The window hash itself is public and needs no key: the file never
 *   holds it unsealed, and the loaded tables only live in memory;
 * - for secrets of 8 to 15 characters, a 32-bit hash of the whole secret, sealed the same way.
 */
import { createHmac } from "node:crypto";
import { type SealTables, sealTables } from "./seal.js";

/** Characters per window; windows start at every 4th text position (copies of 16+ always hold one). */
export const WINDOW = 13;
/** Secrets at least this long are matched by windows (exact and partial); shorter: exact only. */
export const MIN_WINDOWED = 16;
/** Shorter secrets are refused: a copy of them is found everywhere, and they are guessed anyway. */
export const MIN_SECRET = 8;

/** The derived keys of one manifest (from its key and salt). */
export interface ManifestKeys {
  /** HMAC key of full fingerprints. */
  fp: Buffer;
  /** The permutation that seals stored window and short-secret hashes. */
  seal: SealTables;
}

/** Derives a manifest's keys from its key and its random salt (one key may serve several manifests). */
export function deriveKeys(key: Buffer, salt: string): ManifestKeys {
  const base = createHmac("sha256", key).update(Buffer.from(salt, "base64")).digest();
  return {
    fp: createHmac("sha256", base).update("residue/v2/fingerprint").digest(),
    seal: sealTables(base, "residue/v2/window-seal"),
  };
}

/** The full keyed fingerprint of a secret (base64 of HMAC-SHA-256). */
export function fingerprint(fpKey: Uint8Array, value: string): string {
  return createHmac("sha256", fpKey).update(value, "utf8").digest("base64");
}

/** The window hash's fixed mixing words (public: the hash is sealed before it is stored). */
export const WIN = new Uint32Array([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344]);

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

/** Non-linear mix of three grams and one character: the window hash. */
export function mix(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ WIN[0]!, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h ^ b ^ WIN[1]!, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ c ^ WIN[2]!, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ d ^ WIN[3]!, 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 0;
}

/** The window hash of s[i, i + WINDOW). */
export function windowHash(s: string, i: number): number {
  return mix(gram(s, i), gram(s, i + 4), gram(s, i + 8), s.charCodeAt(i + 12) & 255);
}

/** The 32-bit hash of a whole short secret s[i, i + len) (len < MIN_WINDOWED). */
export function shortHash(s: string, i: number, len: number): number {
  let h = Math.imul(len ^ WIN[0]!, 0x9e3779b1);
  for (let o = 0; o < len; o += 4) {
    const left = len - o;
    const g = left >= 4 ? gram(s, i + o) : gram(s, i + o) & ((1 << (8 * left)) - 1);
    h = Math.imul(h ^ g ^ WIN[(o >> 2) & 3]!, 0x85ebca6b);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ WIN[3]!, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The window hashes of a secret, one per offset (length − WINDOW + 1 values), unsealed. */
export function secretWindows(value: string): Uint32Array {
  const n = value.length - WINDOW + 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = windowHash(value, i);
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
