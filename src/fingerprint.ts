/**
 * Keyed fingerprints of secrets found by pattern rules: groups copies of one secret and keys
 * finding ids and baselines without ever storing the value. The key comes from
 * RESIDUE_MANIFEST_KEY when set, so the fingerprints are useless without it.
 */
import { createHmac } from "node:crypto";

const DEFAULT_KEY = "residue/v1/fingerprint";

/** The key for pattern fingerprints and finding ids. */
export function fingerprintKey(env: Record<string, string | undefined> = process.env): string {
  return env.RESIDUE_MANIFEST_KEY || DEFAULT_KEY;
}

/** A keyed, truncated fingerprint (24 hex characters) of one or more parts. */
export function keyedHash(key: string, ...parts: string[]): string {
  const h = createHmac("sha256", key);
  for (const p of parts) h.update(p).update("\u0000");
  return h.digest("hex").slice(0, 24);
}
