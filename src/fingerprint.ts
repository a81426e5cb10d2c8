/**
 * Keyed fingerprints of secrets found by pattern rules (the findings' `secretKey`): they group
 * copies of one secret in reports and the sweep store without ever storing the value. A fast
 * hash of a password is a guess-test, so the key must be secret: RESIDUE_MANIFEST_KEY when set
 * (the same on every CI run), else the user's local key file (`keys/local.key` in the
 * configuration folder, created on first use), else, when that cannot be written, a key for this
 * process only (fingerprints then do not carry over between runs).
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import path from "node:path";
import { createKeyFile, envKey, KEY_ENV, keysDir, readKeyFile } from "./manifest/key-store.js";

const cache = new Map<string, string>();

function localKey(env: Record<string, string | undefined>): Buffer {
  const file = path.join(keysDir(env), "local.key");
  try {
    return readKeyFile(file).bytes;
  } catch {
    try {
      return createKeyFile(file).bytes;
    } catch {
      // another process may have created it meanwhile; if not, fall back to a per-process key
      try {
        return readKeyFile(file).bytes;
      } catch {
        return randomBytes(32);
      }
    }
  }
}

/** The key of pattern fingerprints (hex), resolved once per environment and process. */
export function fingerprintKey(env: Record<string, string | undefined> = process.env): string {
  const text = env[KEY_ENV]?.trim();
  const where = text ? `env:${createHash("sha256").update(text).digest("hex")}` : `file:${keysDir(env)}`;
  let key = cache.get(where);
  if (!key) {
    const bytes = envKey(env)?.bytes ?? localKey(env);
    key = createHmac("sha256", bytes).update("residue/v2/pattern-fingerprint").digest("hex");
    cache.set(where, key);
  }
  return key;
}

/** A keyed, truncated fingerprint (24 hex characters) of one or more parts. */
export function keyedHash(key: string, ...parts: string[]): string {
  const h = createHmac("sha256", key);
  for (const p of parts) h.update(p).update("\u0000");
  return h.digest("hex").slice(0, 24);
}

/** An unkeyed, truncated hash (24 hex characters) of parts that are no secret (finding ids). */
export function plainHash(...parts: string[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\u0000");
  return h.digest("hex").slice(0, 24);
}
