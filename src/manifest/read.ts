/** Reading a manifest as stored (for editing and listing: no key needed). */
import { ManifestError } from "../errors.js";
import { acceptEntry, checkHeader } from "./file.js";
import { readEntries } from "./lines.js";
import type { Manifest, ManifestEntryInfo } from "./types.js";

/** Parses and validates manifest text; throws ManifestError with one clear line. */
export function parseManifest(text: string, path: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ManifestError(`${path}: not a residue manifest (invalid JSON)`);
  }
  const header = checkHeader(raw, path);
  const list = (raw as { entries?: unknown }).entries;
  if (!Array.isArray(list)) throw new ManifestError(`${path}: corrupt manifest: entries: expected an array`);
  const ids = new Set<string>();
  return { ...header, entries: list.map((e, i) => acceptEntry(e, i, ids, path)) };
}

/** Reads and validates a whole manifest as stored (every entry in memory: small files, tests). */
export async function readManifest(path: string): Promise<Manifest> {
  const reader = await readEntries(path);
  const entries = [];
  for await (const { entry } of reader.entries) entries.push(entry);
  return { ...reader.header, entries, path };
}

/** Streams the listing fields of every entry: ids, labels, tiers, lengths, dates. */
export async function* listEntries(path: string): AsyncGenerator<ManifestEntryInfo> {
  const reader = await readEntries(path);
  try {
    for await (const { entry } of reader.entries) {
      const { id, label, tier, length, addedAt } = entry;
      yield { id, ...(label !== undefined && { label }), tier, length, addedAt };
    }
  } finally {
    reader.close();
  }
}
