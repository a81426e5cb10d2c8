/**
 * Changing a manifest: add and remove, each a read-modify-write under the manifest's lock
 * (lock.ts), written atomically (a temporary file, then rename) so an interrupted run never
 * breaks a manifest and two runs at once never lose an entry.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rename, unlink, writeFile } from "node:fs/promises";
import { ManifestError } from "../errors.js";
import { estimateBits, LOW_ENTROPY_BITS } from "./entropy.js";
import { makeEntry, newManifest } from "./entry.js";
import { serializeManifest } from "./file.js";
import { assignIds } from "./ids.js";
import { type KeyOptions, keyForManifest, keyForNewManifest } from "./key-store.js";
import { deriveKeys, fingerprint, MIN_SECRET } from "./keys.js";
import { withManifestLock } from "./lock.js";
import { readManifest } from "./read.js";
import type { Manifest, ManifestInput } from "./types.js";

/** What an add did: ids added, warnings, secrets refused, and the key file it created, if any. */
export interface AddResult {
  added: string[];
  warnings: string[];
  refused: string[];
  keyFile?: string;
}

/** Options of an add: where the key is, and the prefix of generated ids (`--id`). */
export interface AddOptions extends KeyOptions {
  idPrefix?: string;
}

type AddInput = Omit<ManifestInput, "id"> & { id?: string };

/**
 * Adds secrets (creating the file, and a key for it, if missing); the same secret twice keeps
 * one entry; secrets under 8 characters are refused (listed in `refused`, not added).
 */
export async function addToManifest(
  path: string,
  inputs: AddInput[],
  opts: AddOptions = {},
): Promise<AddResult> {
  const refused: string[] = [];
  const unnamed = inputs.filter((i) => i.id === undefined).length;
  const values = inputs
    .map((i) => ({ ...i, value: i.value.replace(/[\r\n]+$/, "") }))
    .filter((i, n) => {
      if (!i.value || i.value.length >= MIN_SECRET) return !!i.value;
      const name = i.id ?? (opts.idPrefix && unnamed === 1 ? opts.idPrefix : `input ${n + 1}`);
      refused.push(
        `${name}: ${i.value.length} characters, under ${MIN_SECRET}: too short to hunt (every text would hold a copy) and guessed in moments; rotate it`,
      );
      return false;
    });
  if (!values.length) return { added: [], warnings: [], refused };
  return withManifestLock(path, async () => {
    const { m, keyBytes, keyFile } = await openForEdit(path, opts);
    const keys = deriveKeys(keyBytes, m.salt);
    const byFp = new Map(m.entries.map((e) => [e.fp, e.id]));
    const ids = new Set(m.entries.map((e) => e.id));
    const result: AddResult = { added: [], warnings: [], refused, ...(keyFile && { keyFile }) };
    for (const input of assignIds(values, ids, opts.idPrefix)) {
      const fp = fingerprint(keys.fp, input.value);
      const same = byFp.get(fp);
      if (same !== undefined) {
        result.warnings.push(`${input.id}: already in the manifest as "${same}"; kept one entry`);
        continue;
      }
      if (ids.has(input.id))
        throw new ManifestError(`${path}: id "${input.id}" is already used by another secret`);
      const bits = estimateBits(input.value);
      if (bits < LOW_ENTROPY_BITS)
        result.warnings.push(
          `${input.id}: low entropy (about ${Math.round(bits)} bits, under ${LOW_ENTROPY_BITS}): anyone who gets the manifest and its key can guess it by trying candidates; rotate it`,
        );
      m.entries.push(makeEntry(keys, input, input.value));
      byFp.set(fp, input.id);
      ids.add(input.id);
      result.added.push(input.id);
    }
    if (result.added.length || keyFile) await writeManifest(path, m);
    return result;
  });
}

/** The manifest to change and its key: read with its own key, or new with a new (or given) key. */
async function openForEdit(
  path: string,
  opts: KeyOptions,
): Promise<{ m: Manifest; keyBytes: Buffer; keyFile?: string }> {
  if (existsSync(path)) {
    const m = await readManifest(path);
    return { m, keyBytes: keyForManifest(m.keyId, path, opts).bytes };
  }
  const { key, created } = keyForNewManifest(opts);
  return { m: newManifest(path, key.id), keyBytes: key.bytes, ...(created && { keyFile: key.from }) };
}

/** Removes entries by id; refuses (changing nothing) when an id is unknown. */
export async function removeFromManifest(path: string, ids: string[]): Promise<{ removed: string[] }> {
  return withManifestLock(path, async () => {
    const m = await readManifest(path);
    const have = new Set(m.entries.map((e) => e.id));
    const missing = ids.filter((id) => !have.has(id));
    if (missing.length)
      throw new ManifestError(`${path}: no entry with id ${missing.map((i) => `"${i}"`).join(", ")}`);
    const drop = new Set(ids);
    m.entries = m.entries.filter((e) => !drop.has(e.id));
    await writeManifest(path, m);
    return { removed: [...drop] };
  });
}

/** Writes atomically: a temporary file beside the target (mode 0600), then rename. */
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
