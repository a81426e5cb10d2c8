/**
 * Fingerprint manifests: keyed hashes of known-compromised secrets, never plaintext (DESIGN.md).
 * Writes are atomic (temporary file + rename) so an interrupted `add` never breaks a manifest.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { ManifestError } from "../errors.js";
import { estimateBits, LOW_ENTROPY_BITS } from "./entropy.js";
import { makeEntry, newManifest } from "./entry.js";
import { acceptEntry, checkHeader, loadByLines, serializeManifest } from "./file.js";
import { deriveKeys, fingerprint, type ManifestKeys } from "./keys.js";
import { type EntryData, hideEntries, packEntries } from "./scan-data.js";
import type { ManifestFile, Tier } from "./schema.js";
import { buildTables, type WindowTables } from "./tables.js";

export type { ManifestEntry, Tier } from "./schema.js";

/** One manifest entry as listed (nothing derived from the secret's characters). */
export interface ManifestEntryInfo {
  id: string;
  label?: string;
  tier: Tier;
  length: number;
  addedAt: string;
}

/**
 * A parsed manifest file: the format's fields plus where it was read from. Loaded for scanning,
 * it holds the window tables (shared memory) instead of the entries' packed windows.
 */
export interface Manifest extends ManifestFile {
  path?: string;
  tables?: WindowTables;
  /** Loaded for scanning: the packed entry data that worker threads get (see scan-data.ts). */
  packed?: EntryData;
  [key: string]: unknown;
}

/** A secret to add. */
export interface ManifestInput {
  id: string;
  value: string;
  label?: string;
  tier?: Tier;
}

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

/**
 * Reads and validates a manifest for scanning (window tables built, in shared memory); with
 * `env`, also checks RESIDUE_MANIFEST_KEY for keyed ones.
 */
export async function loadManifest(
  path: string,
  opts: { env?: Record<string, string | undefined> } = {},
): Promise<Manifest> {
  let m: Manifest | undefined;
  try {
    m = await loadByLines(path);
  } catch (err) {
    if (err instanceof ManifestError) throw err;
    throw new ManifestError(`${path}: cannot read manifest (${readCode(err)})`);
  }
  if (!m) {
    m = await readManifest(path);
    m.tables = buildTables(m.entries);
    for (const e of m.entries) delete e.w;
  }
  if (opts.env) manifestKeys(m, opts.env.RESIDUE_MANIFEST_KEY);
  m.packed = packEntries(m.entries);
  hideEntries(m);
  return m;
}

function readCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "no such file" : (code ?? String(err));
}

/** Reads and validates a manifest as stored (for editing). */
async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ManifestError(`${path}: cannot read manifest (${readCode(err)})`);
  }
  return parseManifest(text, path);
}

/** The keys of a manifest; refuses a keyed manifest without the right RESIDUE_MANIFEST_KEY. */
export function manifestKeys(m: Manifest, key: string | undefined): ManifestKeys {
  const where = m.path ?? "manifest";
  if (!m.keyed) return deriveKeys(m.salt);
  if (!key)
    throw new ManifestError(`${where}: keyed manifest; set RESIDUE_MANIFEST_KEY to the key it was made with`);
  const keys = deriveKeys(m.salt, key);
  if (keys.verifier !== m.verifier)
    throw new ManifestError(`${where}: RESIDUE_MANIFEST_KEY is not the key this manifest was made with`);
  return keys;
}

/** Adds secrets (creating the file if missing); the same secret twice keeps one entry. */
export async function addToManifest(
  path: string,
  inputs: ManifestInput[],
  opts: { env?: Record<string, string | undefined> } = {},
): Promise<{ added: string[]; warnings: string[] }> {
  const key = (opts.env ?? process.env).RESIDUE_MANIFEST_KEY || undefined;
  const m = existsSync(path) ? await readManifest(path) : newManifest(path, key);
  const keys = manifestKeys(m, key);
  const byFp = new Map(m.entries.map((e) => [e.fp, e.id]));
  const ids = new Set(m.entries.map((e) => e.id));
  const added: string[] = [];
  const warnings: string[] = [];
  for (const input of inputs) {
    const value = input.value.replace(/[\r\n]+$/, "");
    if (!value) continue;
    const fp = fingerprint(keys, value);
    const same = byFp.get(fp);
    if (same !== undefined) {
      warnings.push(`${input.id}: already in the manifest as "${same}"; kept one entry`);
      continue;
    }
    if (ids.has(input.id))
      throw new ManifestError(`${path}: id "${input.id}" is already used by another secret`);
    const bits = estimateBits(value);
    if (bits < LOW_ENTROPY_BITS)
      warnings.push(
        `${input.id}: low entropy (about ${Math.round(bits)} bits, under ${LOW_ENTROPY_BITS}): anyone who gets the manifest${m.keyed ? " and the key" : ""} can guess it by trying candidates; rotate it`,
      );
    m.entries.push(makeEntry(keys, input, value));
    byFp.set(fp, input.id);
    ids.add(input.id);
    added.push(input.id);
  }
  if (added.length || !existsSync(path)) await writeManifest(path, m);
  return { added, warnings };
}

/** The next free generated id `prefix-N`, never derived from a secret. */
export function nextIds(existing: Iterable<string>, prefix: string, count: number): string[] {
  const used = new Set(existing);
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) if (!used.has(`${prefix}-${n}`)) out.push(`${prefix}-${n}`);
  return out;
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

/** Removes entries by id; refuses (changing nothing) when an id is unknown. */
export async function removeFromManifest(path: string, ids: string[]): Promise<{ removed: string[] }> {
  const m = await readManifest(path);
  const have = new Set(m.entries.map((e) => e.id));
  const missing = ids.filter((id) => !have.has(id));
  if (missing.length)
    throw new ManifestError(`${path}: no entry with id ${missing.map((i) => `"${i}"`).join(", ")}`);
  const drop = new Set(ids);
  m.entries = m.entries.filter((e) => !drop.has(e.id));
  await writeManifest(path, m);
  return { removed: [...drop] };
}

/** Writes atomically: a temporary file beside the target, then rename. */
export async function writeManifest(path: string, m: Manifest): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, serializeManifest(m), { mode: 0o600 });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw new ManifestError(`${path}: cannot write manifest (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
}
