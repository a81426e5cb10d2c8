/**
 * PKCS#12 (`.p12`, `.pfx`) files that open with a published default password (Google's service
 * account keys are issued with `notasecret`): the private key inside is then readable by anyone
 * who has the file. The check is the file's own integrity MAC (RFC 7292: HMAC over the
 * authenticated safe, keyed by the PKCS#12 key derivation with ID 3), so nothing is decrypted
 * and a file with another password, no MAC, a bad structure or an absurd iteration count is
 * not reported. The same check as secretlint's GCP rule and CredSweeper's PKCS#12 scanner.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Passwords published as defaults for PKCS#12 files (Google Cloud service account keys). */
export const DEFAULT_PKCS12_PASSWORDS: readonly string[] = ["notasecret"];

/** Most key-derivation rounds tried (real files use 1 to a few hundred thousand). */
const MAX_ITERATIONS = 1_000_000;

/** Hash OIDs (DER bytes, hex) to the hash name and its block size in bytes. */
const HASHES: Record<string, [string, number]> = {
  "2b0e03021a": ["sha1", 64],
  "608648016503040201": ["sha256", 64],
  "608648016503040202": ["sha384", 128],
  "608648016503040203": ["sha512", 128],
};

/** One DER element: its tag and where its contents sit. */
interface Der {
  tag: number;
  start: number;
  end: number;
}

/** The DER element at `at` inside [at, limit), or undefined when it does not fit. */
function der(b: Uint8Array, at: number, limit: number): Der | undefined {
  if (at + 2 > limit) return undefined;
  const tag = b[at]!;
  let len = b[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4 || start + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[start + i]!;
    start += n;
  }
  const end = start + len;
  return end <= limit ? { tag, start, end } : undefined;
}

/** The elements inside a constructed element, in order. */
function children(b: Uint8Array, e: Der): Der[] {
  const out: Der[] = [];
  for (let at = e.start; at < e.end; ) {
    const c = der(b, at, e.end);
    if (!c) return [];
    out.push(c);
    at = c.end;
  }
  return out;
}

/** The parts the MAC check needs, or undefined when the bytes are not a PKCS#12 file with a MAC. */
function macParts(b: Uint8Array) {
  const pfx = der(b, 0, b.length);
  if (pfx?.tag !== 0x30) return undefined;
  const [version, authSafe, macData] = children(b, pfx);
  if (version?.tag !== 0x02 || authSafe?.tag !== 0x30 || macData?.tag !== 0x30) return undefined;
  const explicit = children(b, authSafe)[1];
  const data = explicit?.tag === 0xa0 ? children(b, explicit)[0] : undefined;
  const [digestInfo, salt, iter] = children(b, macData);
  if (data?.tag !== 0x04 || digestInfo?.tag !== 0x30 || salt?.tag !== 0x04) return undefined;
  const [alg, digest] = children(b, digestInfo);
  const oid = alg && children(b, alg)[0];
  const hash =
    oid?.tag === 0x06 ? HASHES[Buffer.from(b.subarray(oid.start, oid.end)).toString("hex")] : undefined;
  if (!hash || digest?.tag !== 0x04) return undefined;
  let iterations = 1;
  if (iter) {
    if (iter.tag !== 0x02 || iter.end - iter.start > 4) return undefined;
    iterations = 0;
    for (let i = iter.start; i < iter.end; i++) iterations = iterations * 256 + b[i]!;
  }
  if (iterations < 1 || iterations > MAX_ITERATIONS) return undefined;
  const part = (e: Der) => b.subarray(e.start, e.end);
  return { hash, content: part(data), salt: part(salt), digest: part(digest), iterations };
}

/** `n` bytes of `src` repeated to a multiple of `v` bytes (empty stays empty). */
function stretch(src: Uint8Array, v: number): Buffer {
  const out = Buffer.alloc(src.length ? v * Math.ceil(src.length / v) : 0);
  for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
  return out;
}

/** RFC 7292 appendix B.2 key derivation for the MAC key (ID 3, one hash output long). */
function macKey(password: string, salt: Uint8Array, iterations: number, [hash, v]: [string, number]): Buffer {
  const pw = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) pw.writeUInt16BE(password.charCodeAt(i), i * 2);
  const input = Buffer.concat([Buffer.alloc(v, 3), stretch(salt, v), stretch(pw, v)]);
  let a: Buffer = input;
  for (let i = 0; i < iterations; i++) a = createHash(hash).update(a).digest();
  return a;
}

/** The default password a PKCS#12 file's MAC verifies with, or undefined (other password, not PKCS#12). */
export function pkcs12DefaultPassword(bytes: Uint8Array): string | undefined {
  const parts = macParts(bytes);
  if (!parts) return undefined;
  for (const password of DEFAULT_PKCS12_PASSWORDS) {
    const key = macKey(password, parts.salt, parts.iterations, parts.hash);
    const mac = createHmac(parts.hash[0], key).update(parts.content).digest();
    if (mac.length === parts.digest.length && timingSafeEqual(mac, parts.digest)) return password;
  }
  return undefined;
}
