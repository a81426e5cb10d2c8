/** Fingerprint manifests: keyed hashes of known-compromised secrets, never plaintext (issue #2). */
import { ManifestError } from "../errors.js";

/** One manifest entry as listed (nothing derived from the secret's characters). */
export interface ManifestEntryInfo {
  id: string;
  label?: string;
  tier: "low" | "standard" | "privileged";
  length: number;
  addedAt: string;
}

/** A parsed manifest file. The fields beyond `version` and `entries` belong to src/manifest. */
export interface Manifest {
  version: 1;
  path?: string;
  entries: ManifestEntryInfo[];
  [key: string]: unknown;
}

/** Reads and validates a manifest; throws ManifestError with one clear line. */
export async function loadManifest(path: string): Promise<Manifest> {
  throw new ManifestError(`${path}: manifests are not implemented yet (TODO(#2))`);
}
