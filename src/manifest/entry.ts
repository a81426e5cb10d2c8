/** A new manifest and a new entry: the only place secrets are turned into fingerprints. */
import { randomBytes } from "node:crypto";
import type { Manifest, ManifestInput } from "./index.js";
import {
  deriveKeys,
  fingerprint,
  type ManifestKeys,
  MIN_WINDOWED,
  pemBody,
  secretWindows,
  shortHash,
} from "./keys.js";
import type { ManifestEntry } from "./schema.js";

/** An empty manifest with a fresh random salt (keyed with RESIDUE_MANIFEST_KEY when given). */
export function newManifest(path: string, key: string | undefined): Manifest {
  const salt = randomBytes(16).toString("base64");
  const m: Manifest = {
    format: "residue-manifest",
    version: 1,
    keyed: !!key,
    salt,
    window: 13,
    entries: [],
    path,
  };
  if (key) m.verifier = deriveKeys(salt, key).verifier;
  return m;
}

/** Fingerprints one secret into an entry. */
export function makeEntry(keys: ManifestKeys, input: ManifestInput, value: string): ManifestEntry {
  const e: ManifestEntry = {
    id: input.id,
    ...(input.label !== undefined && { label: input.label }),
    tier: input.tier ?? "standard",
    length: value.length,
    addedAt: new Date().toISOString(),
    fp: fingerprint(keys, value),
  };
  if (value.length >= MIN_WINDOWED) {
    const w = secretWindows(keys, value);
    e.w = Buffer.from(w.buffer, w.byteOffset, w.byteLength).toString("base64");
  } else e.s = shortHash(value, 0, value.length, keys.win);
  const pem = pemBody(value);
  if (pem) e.pem = fingerprint(keys, `pem:${pem.body}`);
  return e;
}
