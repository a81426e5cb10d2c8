/**
 * Fingerprint manifests: keyed hashes of known-compromised secrets, never plaintext, and never
 * the key (DESIGN.md; README "Threat model"). The file records only the id of its key, which
 * lives in a key file apart from it (key-store.ts).
 */
import { ManifestError } from "../errors.js";
import { loadByLines } from "./file.js";
import { type KeyOptions, keyForManifest } from "./key-store.js";
import { deriveKeys, type ManifestKeys } from "./keys.js";
import { readCode, readManifest } from "./read.js";
import { hideEntries, packEntries } from "./scan-data.js";
import { buildTables } from "./tables.js";
import type { Manifest, ManifestEntryInfo } from "./types.js";

export { addToManifest, removeFromManifest, writeManifest } from "./edit.js";
export { assignIds, nextIds } from "./ids.js";
export {
  configDir,
  type KeyOptions,
  keyForManifest,
  keyForNewManifest,
  keysDir,
  type ManifestKey,
} from "./key-store.js";
export { parseManifest, readManifest } from "./read.js";
export type { ManifestEntry, Tier } from "./schema.js";
export type { Manifest, ManifestEntryInfo, ManifestInput } from "./types.js";

/** The derived keys of a manifest, from its key (found by key-store's rules). */
export function manifestKeys(m: Manifest, opts: KeyOptions): ManifestKeys {
  const key = keyForManifest(m.keyId, m.path ?? "manifest", opts);
  return deriveKeys(key.bytes, m.salt);
}

/**
 * Reads a manifest and opens it for scanning with its key (window tables unsealed, in shared
 * memory). A parsed manifest is opened in place. Throws ManifestError (exit 2) for a missing or
 * wrong key, a corrupt file or an old format.
 */
export async function loadManifest(source: string | Manifest, opts: KeyOptions = {}): Promise<Manifest> {
  if (typeof source !== "string") return openParsed(source, opts);
  let loaded: { m: Manifest; keys: ManifestKeys } | undefined;
  try {
    loaded = await loadByLines(source, (header) => manifestKeys(header, opts));
  } catch (err) {
    if (err instanceof ManifestError) throw err;
    throw new ManifestError(`${source}: cannot read manifest (${readCode(err)})`);
  }
  if (!loaded) return openParsed(await readManifest(source), opts);
  const { m, keys } = loaded;
  m.packed = packEntries(m.entries, keys);
  hideEntries(m);
  return m;
}

function openParsed(m: Manifest, opts: KeyOptions): Manifest {
  if (m.packed && m.tables) return m;
  const keys = manifestKeys(m, opts);
  m.tables = buildTables(m.entries, keys.seal);
  for (const e of m.entries) delete e.w;
  m.packed = packEntries(m.entries, keys);
  hideEntries(m);
  return m;
}

/** Lists entries: ids, labels, tiers, lengths, dates. */
export async function listManifest(path: string): Promise<ManifestEntryInfo[]> {
  const m = await readManifest(path);
  return m.entries.map(({ id, label, tier, length, addedAt }) => ({
    id,
    ...(label !== undefined && { label }),
    tier,
    length,
    addedAt,
  }));
}
