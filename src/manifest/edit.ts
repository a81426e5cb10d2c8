/**
 * Changing a manifest: add and remove, each a read-modify-write under the manifest's lock
 * (lock.ts), streamed (one pass to learn ids and fingerprints, one to copy the entries) and
 * written atomically (write.ts), so an interrupted run never breaks a manifest, two runs at once
 * never lose an entry, and memory grows with the ids and fingerprints, not the file.
 */
import { existsSync } from "node:fs";
import { ManifestError } from "../errors.js";
import { estimateBits, LOW_ENTROPY_BITS } from "./entropy.js";
import { makeEntry, newManifest } from "./entry.js";
import { needlesOf, windowsOf } from "./file.js";
import { FpTable, fingerprintBytes } from "./fp-table.js";
import { idAssigner } from "./ids.js";
import { type KeyOptions, keyForManifest, keyForNewManifest } from "./key-store.js";
import { deriveKeys, MIN_SECRET, MIN_WINDOWED, WINDOW } from "./keys.js";
import { readEntries } from "./lines.js";
import { withManifestLock } from "./lock.js";
import { NEEDLES_UP_TO, needleCount } from "./needles.js";
import type { Tier } from "./schema.js";
import type { Manifest, ManifestInput } from "./types.js";
import { writeManifestLines } from "./write.js";

/** What an add did: ids added, warnings, secrets refused, and the key file it created, if any. */
export interface AddResult {
  added: string[];
  warnings: string[];
  refused: string[];
  keyFile?: string;
}

/** Options of an add: where the key is, the prefix of generated ids (`--id`), and defaults for entries. */
export interface AddOptions extends KeyOptions {
  idPrefix?: string;
  label?: string;
  tier?: Tier;
}

type AddInput = Omit<ManifestInput, "id"> & { id?: string };

/**
 * Adds secrets (creating the file, and a key for it, if missing); the same secret twice keeps
 * one entry; secrets under 8 characters are refused (listed in `refused`, not added). Inputs are
 * never copied: a million of them cost their own memory, a set of ids and one of fingerprints.
 */
export async function addToManifest(
  path: string,
  inputs: AddInput[],
  opts: AddOptions = {},
): Promise<AddResult> {
  const refused: string[] = [];
  const unnamed = inputs.reduce((n, i) => n + (i.id === undefined ? 1 : 0), 0);
  const values: (string | undefined)[] = inputs.map((input, n) => {
    const value = input.value.replace(/[\r\n]+$/, "");
    if (!value || value.length >= MIN_SECRET) return value || undefined;
    const name = input.id ?? (opts.idPrefix && unnamed === 1 ? opts.idPrefix : `input ${n + 1}`);
    refused.push(
      `${name}: ${value.length} characters, under ${MIN_SECRET}: too short to hunt (every text would hold a copy) and guessed in moments; rotate it`,
    );
    return undefined;
  });
  if (!values.some((v) => v !== undefined)) return { added: [], warnings: [], refused };
  return withManifestLock(path, async () => {
    const old = existsSync(path) ? await survey(path) : undefined;
    const { header, keyBytes, keyFile } = old
      ? {
          header: old.header,
          keyBytes: keyForManifest(old.header.keyId, path, opts).bytes,
          keyFile: undefined,
        }
      : newKeyed(path, opts);
    const keys = deriveKeys(keyBytes, header.salt);
    const fps = old?.fps ?? new FpTable();
    const names = old?.names ?? [];
    const ids = old?.ids ?? new Set<string>();
    const idOf = idAssigner(
      ids,
      opts.idPrefix,
      values.filter((v, n) => v && inputs[n]!.id === undefined).length,
    );
    const result: AddResult = { added: [], warnings: [], refused, ...(keyFile && { keyFile }) };
    // the inputs made into entries, in order: entry k is inputs[fresh[k]], id added[k], fingerprint first + k
    const first = fps.count;
    const fresh = new Int32Array(values.length);
    let windows = old?.windows ?? 0;
    let needles = 0;
    for (const [n, value] of values.entries()) {
      if (value === undefined) continue;
      const id = idOf(inputs[n]!.id);
      const same = fps.addOrFind(fingerprintBytes(keys.fp, value));
      if (same !== -1) {
        result.warnings.push(`${id}: already in the manifest as "${names[same]}"; kept one entry`);
        continue;
      }
      if (ids.has(id)) throw new ManifestError(`${path}: id "${id}" is already used by another secret`);
      const bits = estimateBits(value);
      if (bits < LOW_ENTROPY_BITS)
        result.warnings.push(
          `${id}: low entropy (about ${Math.round(bits)} bits, under ${LOW_ENTROPY_BITS}): anyone who gets the manifest and its key can guess it by trying candidates; rotate it`,
        );
      fresh[result.added.length] = n;
      windows += value.length >= MIN_WINDOWED ? value.length - WINDOW + 1 : 0;
      // needles: the usual count for the length (the header's total only sizes a scan's tables)
      needles += needleCount(value.length);
      names.push(id);
      ids.add(id);
      result.added.push(id);
    }
    if (!result.added.length && !keyFile) return result;
    // a manifest too big for a scan to load its needles gets none for its new entries (scan.ts decodes all text)
    const withNeedles = windows + needles <= NEEDLES_UP_TO;
    if (withNeedles) windows += needles;
    async function* entries(): AsyncGenerator<string> {
      if (old) yield* copyEntries(path);
      // each new entry is made and written in turn: no array of 1,000,000 entries
      for (const [k, id] of result.added.entries()) {
        const n = fresh[k]!;
        const { label = opts.label, tier = opts.tier } = inputs[n]!;
        const entry = makeEntry(keys, { id, label, tier }, values[n]!, fps.base64(first + k), withNeedles);
        yield JSON.stringify(entry);
      }
    }
    // every secret ASCII: kept only while it was known of the old entries and holds of the new
    const ascii =
      (!old || header.ascii === true) && result.added.every((_, k) => isAscii(values[fresh[k]!]!));
    await writeManifestLines(path, { ...header, ascii }, windows, entries(), ids.size);
    return result;
  });
}

/** True when every character of s is ASCII. */
function isAscii(s: string): boolean {
  return !/[^\x00-\x7f]/.test(s);
}

/** A new manifest and its key (the key file is created now). */
function newKeyed(path: string, opts: KeyOptions): { header: Manifest; keyBytes: Buffer; keyFile?: string } {
  const { key, created } = keyForNewManifest(opts);
  return { header: newManifest(path, key.id), keyBytes: key.bytes, ...(created && { keyFile: key.from }) };
}

/**
 * One pass over an existing manifest: its header, ids (a set, and in order), fingerprints (unless
 * `drop`), window count (and that of the entries in `drop`).
 */
async function survey(path: string, drop?: Set<string>) {
  const reader = await readEntries(path);
  const ids = new Set<string>();
  const names: string[] = [];
  const fps = new FpTable();
  let windows = 0;
  let dropped = 0;
  for await (const { entry } of reader.entries) {
    ids.add(entry.id);
    // numbered as in `names` (a fingerprint found twice in a hand-edited file is kept once)
    if (!drop && fps.addOrFind(Buffer.from(entry.fp, "base64")) === -1) names.push(entry.id);
    const n = windowsOf(entry) + needlesOf(entry);
    windows += n;
    if (drop?.has(entry.id)) dropped += n;
  }
  return { header: reader.header, ids, names, fps, windows, dropped };
}

/** The entries of a manifest as written, except the ids in `skip`. */
async function* copyEntries(path: string, skip?: Set<string>): AsyncGenerator<string> {
  const reader = await readEntries(path, { ids: false });
  for await (const { entry, raw } of reader.entries) if (!skip?.has(entry.id)) yield raw;
}

/** Removes entries by id; refuses (changing nothing) when an id is unknown. */
export async function removeFromManifest(path: string, ids: string[]): Promise<{ removed: string[] }> {
  return withManifestLock(path, async () => {
    const drop = new Set(ids);
    const old = await survey(path, drop);
    const missing = ids.filter((id) => !old.ids.has(id));
    if (missing.length)
      throw new ManifestError(`${path}: no entry with id ${missing.map((i) => `"${i}"`).join(", ")}`);
    const count = old.ids.size - drop.size;
    await writeManifestLines(path, old.header, old.windows - old.dropped, copyEntries(path, drop), count);
    return { removed: [...drop] };
  });
}
