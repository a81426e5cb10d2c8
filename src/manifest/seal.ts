/**
 * The keyed permutation that seals window hashes in a manifest file. The matcher's window hash
 * is fast and public (it runs at every 4th byte of every text); what the file stores is that hash
 * passed through a secret 32-bit permutation: an 8-round Feistel network whose round functions are
 * random tables drawn from AES-256-CTR under a key derived from the manifest key. Without the
 * key, a stored value says nothing about any window, so no guess can be tested; with it, loading
 * inverts the permutation once per value and the scan never touches the key.
 */
import { createCipheriv, createHmac } from "node:crypto";

const ROUNDS = 8;
const HALF = 1 << 16;

/** Round tables of one key: ROUNDS × 65536 random 16-bit values. */
export type SealTables = Uint16Array;

/** Derives the round tables from a key (any length) and a context label. */
export function sealTables(key: Buffer, label: string): SealTables {
  const k = createHmac("sha256", key).update(label).digest();
  const aes = createCipheriv("aes-256-ctr", k, Buffer.alloc(16));
  const stream = aes.update(Buffer.alloc(2 * ROUNDS * HALF));
  return new Uint16Array(stream.buffer, stream.byteOffset, ROUNDS * HALF).slice();
}

/** The sealed form of a 32-bit hash (what the file stores). */
export function seal(t: SealTables, x: number): number {
  let l = x >>> 16;
  let r = x & 0xffff;
  for (let i = 0; i < ROUNDS; i++) {
    const next = l ^ t[i * HALF + r]!;
    l = r;
    r = next;
  }
  return ((l << 16) | r) >>> 0;
}

/** The hash a sealed value stands for (seal's inverse). */
export function unseal(t: SealTables, y: number): number {
  let l = y >>> 16;
  let r = y & 0xffff;
  for (let i = ROUNDS - 1; i >= 0; i--) {
    const prev = r ^ t[i * HALF + l]!;
    r = l;
    l = prev;
  }
  return ((l << 16) | r) >>> 0;
}

/**
 * Unseals the first n values of an array in place, four at a time: each value's rounds are a
 * chain of dependent table loads, and four independent chains let the CPU overlap their misses
 * (a 100,000-secret manifest unseals 2.8M values on load).
 */
export function unsealAll(t: SealTables, values: Uint32Array, n = values.length): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let a = values[i]!;
    let b = values[i + 1]!;
    let c = values[i + 2]!;
    let d = values[i + 3]!;
    let al = a >>> 16;
    let bl = b >>> 16;
    let cl = c >>> 16;
    let dl = d >>> 16;
    a &= 0xffff;
    b &= 0xffff;
    c &= 0xffff;
    d &= 0xffff;
    for (let k = (ROUNDS - 1) * HALF; k >= 0; k -= HALF) {
      const pa = a ^ t[k + al]!;
      const pb = b ^ t[k + bl]!;
      const pc = c ^ t[k + cl]!;
      const pd = d ^ t[k + dl]!;
      a = al;
      b = bl;
      c = cl;
      d = dl;
      al = pa;
      bl = pb;
      cl = pc;
      dl = pd;
    }
    values[i] = (al << 16) | a;
    values[i + 1] = (bl << 16) | b;
    values[i + 2] = (cl << 16) | c;
    values[i + 3] = (dl << 16) | d;
  }
  for (; i < n; i++) values[i] = unseal(t, values[i]!);
}
