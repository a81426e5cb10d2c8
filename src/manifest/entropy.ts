/** A rough entropy estimate of a secret, to warn when a stolen manifest would let it be guessed. */

/** Bits of the guessing pool, from the character classes present. */
function poolBits(value: string): number {
  let pool = 0;
  if (/[a-z]/.test(value)) pool += 26;
  if (/[A-Z]/.test(value)) pool += 26;
  if (/[0-9]/.test(value)) pool += 10;
  if (/[^A-Za-z0-9]/.test(value)) pool += 33;
  return Math.log2(Math.max(pool, 2));
}

/** Shannon entropy of the value's character distribution, bits per character. */
function shannon(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Estimated bits: the length times the smaller of the class pool and the sample entropy (+1
 * because a short sample under-counts). Repetitive or short values score low.
 */
export function estimateBits(value: string): number {
  const n = value.length;
  return n * Math.min(poolBits(value), shannon(value) + 1);
}

/** Below this many bits a manifest entry gets a warning. */
export const LOW_ENTROPY_BITS = 64;
