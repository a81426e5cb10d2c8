/** A new manifest and a new entry: the only place secrets are turned into fingerprints. */
import { randomBytes } from "node:crypto";
import { fingerprint, type ManifestKeys, MIN_WINDOWED, pemBody, secretWindows, shortHash } from "./keys.js";
import { needleHashes } from "./needles.js";
import type { ManifestEntry } from "./schema.js";
import { seal } from "./seal.js";
import type { Manifest, ManifestInput } from "./types.js";

/** An empty manifest keyed by the key with that id, with a fresh random salt. */
export function newManifest(path: string, keyId: string): Manifest {
  return {
    format: "residue-manifest",
    version: 3,
    keyId,
    salt: randomBytes(16).toString("base64"),
    window: 13,
    entries: [],
    path,
  };
}

/**
 * Fingerprints one secret into an entry: keyed HMAC (given when already computed), sealed window
 * hashes, and (unless `needles` is false: a manifest too big for a scan to use them) needles.
 */
export function makeEntry(
  keys: ManifestKeys,
  input: Omit<ManifestInput, "value">,
  value: string,
  fp = fingerprint(keys.fp, value),
  needles = true,
): ManifestEntry {
  const e: ManifestEntry = {
    id: input.id,
    ...(input.label !== undefined && { label: input.label }),
    tier: input.tier ?? "standard",
    length: value.length,
    addedAt: new Date().toISOString(),
    fp,
  };
  if (value.length >= MIN_WINDOWED) e.w = sealed(keys, secretWindows(value));
  else e.s = seal(keys.seal, shortHash(value, 0, value.length));
  const x = needles ? needleHashes(value) : undefined;
  // sorted once sealed: the order says nothing about which form (or filler) a value stands for
  if (x) e.x = sealed(keys, x, true);
  const pem = pemBody(value);
  if (pem) e.pem = fingerprint(keys.fp, `pem:${pem.body}`);
  return e;
}

/** Hashes sealed and packed little-endian in base64 (`sort`: in ascending sealed order). */
function sealed(keys: ManifestKeys, hashes: Uint32Array, sort = false): string {
  const out = new Uint32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) out[i] = seal(keys.seal, hashes[i]!);
  if (sort) out.sort();
  const packed = Buffer.allocUnsafe(4 * out.length);
  for (let i = 0; i < out.length; i++) packed.writeUInt32LE(out[i]!, 4 * i);
  return packed.toString("base64");
}
