/**
 * Opening a manifest for scanning: its key found (key-store.ts), every entry streamed once into
 * packed arrays (scan-data.ts) and its sealed window hashes unsealed straight into the shared
 * array the tables are then built in (tables.ts). Nothing per entry survives the load: 1,000,000
 * entries open in bounded memory.
 */
import { ManifestError } from "../errors.js";
import { windowsOf } from "./file.js";
import { type KeyOptions, keyForManifest } from "./key-store.js";
import { deriveKeys, type ManifestKeys } from "./keys.js";
import { readEntries } from "./lines.js";
import { type EntryData, PackBuilder, packedEntries } from "./scan-data.js";
import type { ManifestEntry } from "./schema.js";
import { unseal } from "./seal.js";
import { buildTables } from "./tables.js";
import type { Manifest } from "./types.js";

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A growable array of window hashes in shared memory, sized up front when the header says. */
class Hashes {
  data: Uint32Array;
  private bytes: Buffer;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(new SharedArrayBuffer(4 * Math.max(capacity, 1)));
    this.bytes = Buffer.from(this.data.buffer);
  }
  /** Appends n sealed hashes given as base64, unsealed; false when w does not hold exactly n. */
  push(w: string, n: number, keys: ManifestKeys): boolean {
    if (Buffer.byteLength(w, "base64") !== 4 * n) return false;
    if (this.length + n > this.data.length) {
      const next = new Uint32Array(
        new SharedArrayBuffer(4 * Math.max(this.data.length * 2, this.length + n)),
      );
      next.set(this.data.subarray(0, this.length));
      this.data = next;
      this.bytes = Buffer.from(next.buffer);
    }
    if (this.bytes.write(w, 4 * this.length, 4 * n, "base64") !== 4 * n) return false;
    const d = this.data;
    for (let i = this.length; i < this.length + n; i++)
      d[i] = unseal(keys.seal, LITTLE_ENDIAN ? d[i]! : this.bytes.readUInt32LE(4 * i));
    this.length += n;
    return true;
  }
  /** The hashes in an exactly sized shared array (the tables are built in it). */
  exact(): Uint32Array {
    if (this.length === this.data.length) return this.data;
    const out = new Uint32Array(new SharedArrayBuffer(4 * Math.max(this.length, 1)));
    out.set(this.data.subarray(0, this.length));
    return this.length ? out : out.subarray(0, 0);
  }
}

/** The derived keys of a manifest, from its key (found by key-store's rules). */
export function manifestKeys(m: Manifest, opts: KeyOptions): ManifestKeys {
  const key = keyForManifest(m.keyId, m.path ?? "manifest", opts);
  return deriveKeys(key.bytes, m.salt);
}

/** Streams the entries of a file (or a parsed manifest) into the opened form. */
async function open(
  header: Manifest,
  entries: AsyncIterable<{ entry: ManifestEntry }> | Iterable<{ entry: ManifestEntry }>,
  opts: KeyOptions,
): Promise<Manifest> {
  const keys = manifestKeys(header, opts);
  const hashes = new Hashes(header.windows ?? 0);
  const pack = new PackBuilder(keys);
  const base = [0];
  for await (const { entry } of entries) {
    const n = windowsOf(entry);
    if (n && !hashes.push(entry.w!, n, keys))
      throw new ManifestError(`${header.path}: corrupt manifest: entries.${pack.count}.w: wrong size`);
    base.push(hashes.length);
    pack.add(entry);
  }
  const { data, labels } = pack.finish();
  const m: Manifest = { ...header, entries: [] };
  delete m.windows;
  m.tables = buildTables(Int32Array.from(base), hashes.exact());
  m.packed = data;
  defineEntries(m, data, labels);
  return m;
}

/** An opened manifest's `entries`: id, label and tier of each, built when asked for, never cloned to workers. */
function defineEntries(m: Manifest, data: EntryData, labels: string): void {
  Object.defineProperty(m, "entries", {
    get: () => packedEntries(data, labels),
    enumerable: false,
    configurable: true,
  });
}

/**
 * Reads a manifest and opens it for scanning with its key (window tables unsealed, in shared
 * memory). A parsed manifest is opened as a copy. Throws ManifestError (exit 2) for a missing or
 * wrong key, a corrupt file or an old format.
 */
export async function loadManifest(source: string | Manifest, opts: KeyOptions = {}): Promise<Manifest> {
  if (typeof source !== "string") {
    if (source.packed && source.tables) return source;
    return open(
      source,
      source.entries.map((entry) => ({ entry })),
      opts,
    );
  }
  const reader = await readEntries(source, { ids: false });
  try {
    return await open(reader.header, reader.entries, opts);
  } finally {
    reader.close();
  }
}
