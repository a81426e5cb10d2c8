/**
 * Prefixes claimed by providers: a rule whose secret starts with its own literal (`ghp_`, `AKIA`,
 * `xoxb-`, `eyJ`) says what such a token looks like, checksum and length included. A generic
 * rule's value that starts with one of them but was not found by its provider's rule is a
 * near-miss (one character off, a wrong checksum, a fake), not an unlisted credential: dropped.
 */
import type { CompiledRule } from "./rule.js";

/** Shortest prefix that claims a shape (`sk-`, `eyJ`); shorter ones are ordinary text. */
const MIN_PREFIX = 3;

/** A test for values that start with a prefix some high-confidence provider rule claims. */
export function claimedPrefixTest(compiled: readonly CompiledRule[]): (value: string) => boolean {
  const prefixes = new Set<string>();
  for (const c of compiled) {
    if (c.generic || c.confidence !== "high") continue;
    for (const p of c.prefixes ?? []) if (p.length >= MIN_PREFIX) prefixes.add(p.toLowerCase());
  }
  const lengths = [...new Set([...prefixes].map((p) => p.length))];
  return (value) => {
    const lower = value.toLowerCase();
    return lengths.some((n) => prefixes.has(lower.slice(0, n)));
  };
}
