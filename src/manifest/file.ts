/**
 * The manifest file layout: a JSON object whose header (format, version, key id, salt...) is on
 * the first line and whose entries follow one per line. It stays plain JSON for any tool, and
 * lets every command stream the entries (lines.ts) without holding the whole file in memory.
 */
import { ManifestError } from "../errors.js";
import { WINDOW } from "./keys.js";
import { checkEntry, type ManifestEntry, type ManifestFile, manifestSchema } from "./schema.js";
import type { Manifest } from "./types.js";

/** Ends the header line: the entries follow, one per line, then `]}`. */
export const ENTRIES_OPEN = ',"entries":[';

/** Validates everything but the entries; throws ManifestError with one clear line. */
export function checkHeader(raw: unknown, path: string): Omit<ManifestFile, "entries"> & { path: string } {
  const o = raw as { format?: unknown; version?: unknown } | null;
  if (!o || typeof o !== "object" || o.format !== "residue-manifest")
    throw new ManifestError(`${path}: not a residue manifest (no "format": "residue-manifest")`);
  if (o.version === 1)
    throw new ManifestError(
      `${path}: old manifest format (version 1) refused: its fingerprints are keyed only by a salt stored in the file, so anyone holding it can test guesses and recover the secrets; re-add the secrets with \`residue manifest add -m NEW_FILE\` (keyed by a key kept outside the file), then delete this file and every copy of it`,
    );
  if (o.version !== 2 && o.version !== 3)
    throw new ManifestError(
      `${path}: unknown manifest version ${JSON.stringify(o.version)}; this residue reads versions 2 and 3`,
    );
  const r = manifestSchema.safeParse({ entries: [], ...o });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ManifestError(
      `${path}: corrupt manifest: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  const { entries: _e, ...header } = r.data;
  return { ...header, path };
}

/** Checks one parsed entry (and, given the ids before it, that its id is new). */
export function acceptEntry(
  e: unknown,
  i: number,
  ids: Set<string> | undefined,
  path: string,
): ManifestEntry {
  const problem = checkEntry(e);
  if (problem) throw new ManifestError(`${path}: corrupt manifest: entries.${i}.${problem}`);
  const id = (e as ManifestEntry).id;
  if (ids?.has(id)) throw new ManifestError(`${path}: corrupt manifest: id "${id}" appears twice`);
  ids?.add(id);
  return e as ManifestEntry;
}

/** The header line of the line layout: the header's fields, `windows`, then the opening of entries. */
export function headerLine(m: Manifest, windows: number): string {
  const { path: _p, tables: _t, packed: _d, entries: _e, windows: _w, ...rest } = m;
  return JSON.stringify({ ...rest, windows }).replace(/\}$/, ENTRIES_OPEN);
}

/** The windows an entry adds to the tables. */
export function windowsOf(e: { length: number; w?: string }): number {
  return e.w !== undefined ? e.length - WINDOW + 1 : 0;
}

/** The needles (encoded-form window hashes) an entry adds to the tables. */
export function needlesOf(e: { x?: string }): number {
  return e.x === undefined ? 0 : Buffer.byteLength(e.x, "base64") >>> 2;
}
