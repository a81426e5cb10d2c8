/** A new manifest and a new entry: the only place secrets are turned into fingerprints. */
import { randomBytes } from "node:crypto";
import { fingerprint, type ManifestKeys, MIN_WINDOWED, pemBody, secretWindows, shortHash } from "./keys.js";
import type { ManifestEntry } from "./schema.js";
import { seal } from "./seal.js";
import type { Manifest, ManifestInput } from "./types.js";

/** An empty manifest keyed by the key with that id, with a fresh random salt. */
export function newManifest(path: string, keyId: string): Manifest {
  return {
    format: "residue-manifest",
    version: 2,
    keyId,
    salt: randomBytes(16).toString("base64"),
    window: 13,
    entries: [],
    path,
  };
}

/** Fingerprints one secret into an entry: keyed HMAC (given when already computed), sealed window hashes. */
export function makeEntry(
  keys: ManifestKeys,
  input: Omit<ManifestInput, "value">,
  value: string,
  fp = fingerprint(keys.fp, value),
): ManifestEntry {
  const e: ManifestEntry = {
    id: input.id,
    ...(input.label !== undefined && { label: input.label }),
    tier: input.tier ?? "standard",
    length: value.length,
    addedAt: new Date().toISOString(),
    fp,
  };
  if (value.length >= MIN_WINDOWED) {
    const w = secretWindows(value);
    const packed = Buffer.allocUnsafe(4 * w.length);
    for (let i = 0; i < w.length; i++) packed.writeUInt32LE(seal(keys.seal, w[i]!), 4 * i);
    e.w = packed.toString("base64");
  } else e.s = seal(keys.seal, shortHash(value, 0, value.length));
  const pem = pemBody(value);
  if (pem) e.pem = fingerprint(keys.fp, `pem:${pem.body}`);
  return e;
}
