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

/** Unseals an array of values in place. */
export function unsealAll(t: SealTables, values: Uint32Array): void {
  for (let i = 0; i < values.length; i++) values[i] = unseal(t, values[i]!);
}
