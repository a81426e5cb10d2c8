/** The types of manifests: a file as parsed or opened, an entry as listed, a secret to add. */
import type { EntryData } from "./scan-data.js";
import type { ManifestFile, Tier } from "./schema.js";
import type { WindowTables } from "./tables.js";

/** One manifest entry as listed (nothing derived from the secret's characters). */
export interface ManifestEntryInfo {
  id: string;
  label?: string;
  tier: Tier;
  length: number;
  addedAt: string;
}

/**
 * A parsed manifest file: the format's fields plus where it was read from. Opened for scanning
 * (with its key), it holds the unsealed window tables instead of the entries' packed windows.
 */
export interface Manifest extends ManifestFile {
  path?: string;
  tables?: WindowTables;
  /** Opened for scanning: the packed entry data that worker threads get (see scan-data.ts). */
  packed?: EntryData;
  [key: string]: unknown;
}

/** A secret to add; without an id, one is generated (`--id` prefix or `secret-N`). */
export interface ManifestInput {
  id: string;
  value: string;
  label?: string;
  tier?: Tier;
}
