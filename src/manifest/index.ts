/**
 * Fingerprint manifests: keyed hashes of known-compromised secrets, never plaintext, and never
 * the key (DESIGN.md; README "Threat model"). The file records only the id of its key, which
 * lives in a key file apart from it (key-store.ts).
 */
import { listEntries } from "./read.js";
import type { ManifestEntryInfo } from "./types.js";

export { addToManifest, removeFromManifest } from "./edit.js";
export { nextIds } from "./ids.js";
export {
  configDir,
  type KeyOptions,
  keyForManifest,
  keyForNewManifest,
  keysDir,
  type ManifestKey,
} from "./key-store.js";
export { describedEntries, loadManifest, manifestKeys } from "./load.js";
export { listEntries, parseManifest, readManifest } from "./read.js";
export type { ManifestEntry, Tier } from "./schema.js";
export type { Manifest, ManifestEntryInfo, ManifestInput } from "./types.js";

/** Lists entries: ids, labels, tiers, lengths, dates. */
export async function listManifest(path: string): Promise<ManifestEntryInfo[]> {
  const out: ManifestEntryInfo[] = [];
  for await (const e of listEntries(path)) out.push(e);
  return out;
}
