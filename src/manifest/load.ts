/**
 * Opening a manifest for scanning: its key found (key-store.ts), then two passes over the
 * entries (the same open file read twice): the first counts entries and window hashes per
 * bucket, the second places each unsealed hash straight into the tables (tables.ts) and each
 * entry into packed arrays (scan-data.ts) sized by the first. Nothing per entry survives, and
 * no array of all hashes is ever held beside the tables: 1,000,000 entries open in bounded memory.
 */
import type { FileHandle } from "node:fs/promises";
import { ManifestError } from "../errors.js";
import { collectGarbage } from "./collect.js";
import { needlesOf, windowsOf } from "./file.js";
import { type KeyOptions, keyForManifest } from "./key-store.js";
import { deriveKeys, type ManifestKeys } from "./keys.js";
import { openManifest, readEntries } from "./lines.js";
import { NEEDLES_UP_TO } from "./needles.js";
import { type EntryData, PackBuilder, packedEntries } from "./scan-data.js";
import type { ManifestEntry } from "./schema.js";
import { unsealAll } from "./seal.js";
import { TableBuilder } from "./tables.js";
import type { Manifest } from "./types.js";

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Decodes an entry's sealed window hashes or needles (base64) into a reused array, unsealed. */
class WindowReader {
  /** The hashes of the entry last read. */
  words = new Uint32Array(64);
  private bytes = Buffer.from(this.words.buffer);
  constructor(private readonly keys: ManifestKeys) {}

  /** Reads n packed hashes into `words`: n, or -1 when `packed` does not hold n. */
  read(packed: string | undefined, n: number): number {
    if (!n || packed === undefined) return 0;
    if (Buffer.byteLength(packed, "base64") !== 4 * n) return -1;
    if (n > this.words.length) {
      this.words = new Uint32Array(2 ** Math.ceil(Math.log2(n)));
      this.bytes = Buffer.from(this.words.buffer);
    }
    if (this.bytes.write(packed, 0, 4 * n, "base64") !== 4 * n) return -1;
    const { words, bytes } = this;
    const seal = this.keys.seal;
    if (!LITTLE_ENDIAN) for (let i = 0; i < n; i++) words[i] = bytes.readUInt32LE(4 * i);
    unsealAll(seal, words, n);
    return n;
  }
}

type Entries = AsyncIterable<{ entry: ManifestEntry }> | Iterable<{ entry: ManifestEntry }>;

/**
 * The hashes of the first read, kept for placing when the header's count fits KEEP: windows from
 * the front, needles from the back (their order does not matter), in one array of that count.
 */
class Kept {
  private readonly a: Uint32Array;
  private front = 0;
  private back: number;
  ok = true;
  constructor(count: number) {
    this.a = new Uint32Array(count);
    this.back = count;
  }
  /** Keeps words (true), or counts them in t (false): once they no longer fit, with all kept before. */
  add(words: Uint32Array, isNeedles: boolean, t: TableBuilder): boolean {
    if (this.ok && this.back - this.front < words.length) {
      this.ok = false;
      for (const a of [this.a.subarray(0, this.front), this.a.subarray(this.back)]) t.countAll(a, a.length);
    }
    if (!this.ok) {
      t.countAll(words, words.length);
      return false;
    }
    if (isNeedles) this.a.set(words, (this.back -= words.length));
    else this.a.set(words, (this.front += words.length) - words.length);
    return true;
  }
  /** The windows and the needles kept, or undefined when they did not fit (or differ from `at`). */
  parts(at: number[]): [Uint32Array, Uint32Array] | undefined {
    if (!this.ok || this.front !== at[0] || this.a.length - this.back !== at[1]) return undefined;
    return [this.a.subarray(0, this.front), this.a.subarray(this.back)];
  }
}

/**
 * Window offsets per entry, in shared memory sized by the header's entry count (grown by doubling
 * past it): no array of a million numbers to copy, and no half-empty buffer kept by the tables.
 */
class Offsets {
  private a: Int32Array;
  private n = 1;
  constructor(expected = 0) {
    this.a = new Int32Array(new SharedArrayBuffer(4 * Math.max(1024, Math.min(expected, 1 << 24) + 1)));
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const next = new Int32Array(new SharedArrayBuffer(8 * this.a.length));
      next.set(this.a);
      this.a = next;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.a.subarray(0, this.n);
  }
}

/** The derived keys of a manifest, from its key (found by key-store's rules). */
export function manifestKeys(m: Manifest, opts: KeyOptions): ManifestKeys {
  const key = keyForManifest(m.keyId, m.path ?? "manifest", opts);
  return deriveKeys(key.bytes, m.salt);
}

/**
 * Every this many entries read, and at the end when there were as many, the load's garbage is
 * collected at once (collect.ts): the peak stays the tables plus a little, whenever V8 would collect.
 */
const BIG = 100_000;

/**
 * Window hashes kept from the first read (32 MB, 100,000 secrets of 40 characters with their
 * needles): only bigger manifests are read twice (a second read, parse and unseal took 0.7 s).
 */
const KEEP = 1 << 23;

/** Reads an entry's windows and (when `needles`) needles, and hands each set to `fn`; false when corrupt. */
function readEntry(
  e: ManifestEntry,
  readers: [WindowReader, WindowReader],
  needles: boolean,
  fn: (words: Uint32Array, isNeedles: boolean) => void,
): boolean {
  const k = readers[0].read(e.w, windowsOf(e));
  const x = needles ? readers[1].read(e.x, needlesOf(e)) : 0;
  if (k < 0 || x < 0) return false;
  fn(readers[0].words.subarray(0, k), false);
  fn(readers[1].words.subarray(0, x), true);
  return true;
}

/** Counts and places the hashes kept from the first read. */
function placeKept(t: TableBuilder, windows: Uint32Array, needles: Uint32Array): boolean {
  t.countAll(windows, windows.length);
  t.countAll(needles, needles.length);
  return t.placeAll(windows, windows.length) && t.placeAll(needles, needles.length, true);
}

/** Opens a manifest from its entries, given as a function that reads them from the first each time. */
async function open(header: Manifest, again: () => Promise<Entries>, opts: KeyOptions): Promise<Manifest> {
  const keys = manifestKeys(header, opts);
  const tables = new TableBuilder(header.windows ?? 0);
  const readers: [WindowReader, WindowReader] = [new WindowReader(keys), new WindowReader(keys)];
  const pack = new PackBuilder(keys, header.count);
  const base = new Offsets(header.count);
  const needles = (header.windows ?? 0) <= NEEDLES_UP_TO;
  let complete = needles;
  const kept = (header.windows ?? 0) <= KEEP ? new Kept(header.windows ?? 0) : undefined;
  const at = [0, 0];
  for await (const { entry } of await again()) {
    complete &&= entry.x !== undefined;
    const ok = readEntry(entry, readers, needles, (words, isNeedles) => {
      const i = Number(isNeedles);
      if (!kept) tables.countAll(words, words.length);
      else kept.add(words, isNeedles, tables);
      at[i]! += words.length;
    });
    if (!ok) throw new ManifestError(`${header.path}: corrupt manifest: entries.${pack.count}: wrong size`);
    base.push(at[0]!);
    pack.add(entry);
    if (pack.count % BIG === 0) collectGarbage();
  }
  const changed = () =>
    new ManifestError(`${header.path}: the manifest changed while it was read; run again`);
  const parts = kept?.parts(at);
  if (parts) {
    if (!placeKept(tables, parts[0], parts[1])) throw changed();
  } else {
    let n = 0;
    for await (const { entry } of await again()) {
      const placed = (words: Uint32Array, isNeedles: boolean) => {
        if (!tables.placeAll(words, words.length, isNeedles)) throw changed();
      };
      if (++n > pack.count || !readEntry(entry, readers, needles, placed)) throw changed();
      if (n % BIG === 0) collectGarbage();
    }
    if (n !== pack.count) throw changed();
  }
  const built = tables.finish(base.done());
  if (!built) throw changed();
  const { data, labels } = pack.finish(complete);
  const m: Manifest = { ...header, entries: [] };
  delete m.windows;
  delete m.count;
  m.tables = built;
  m.packed = data;
  defineEntries(m, data, labels);
  if (pack.count >= BIG) collectGarbage();
  return m;
}

/** An opened manifest's `entries`: id, label and tier of each, built when asked for, never cloned to workers. */
function defineEntries(m: Manifest, data: EntryData, labels: string): void {
  Object.defineProperty(m, "entries", {
    get: () => packedEntries(data, labels),
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(m, DESCRIBED, { value: () => packedEntries(data, labels, true), enumerable: false });
}

const DESCRIBED = Symbol("described entries");

/**
 * The entries a report has something to say about: those with a label or a tier other than
 * standard (any other is fully described by its id). A scan's metadata holds these only: a
 * million entries as objects would cost 70 MB of a scan's 300 MB for nothing.
 */
export function describedEntries(m: Manifest): Pick<ManifestEntry, "id" | "label" | "tier">[] {
  const described = (m as { [DESCRIBED]?: () => Pick<ManifestEntry, "id" | "label" | "tier">[] })[DESCRIBED];
  return described ? described() : m.entries.filter((e) => e.label || e.tier !== "standard");
}

/**
 * Reads a manifest and opens it for scanning with its key (window tables unsealed, in shared
 * memory). A parsed manifest is opened as a copy. Throws ManifestError (exit 2) for a missing or
 * wrong key, a corrupt file or an old format.
 */
export async function loadManifest(source: string | Manifest, opts: KeyOptions = {}): Promise<Manifest> {
  if (typeof source !== "string") {
    if (source.packed && source.tables) return source;
    const list = source.entries.map((entry) => ({ entry }));
    return open(source, async () => list, opts);
  }
  const handle = await openManifest(source);
  try {
    const first = await readEntries(source, { ids: false, handle });
    first.close();
    return await open(first.header, () => entries(source, handle), opts);
  } finally {
    await handle.close();
  }
}

/** The entries of an open manifest file, from the first. */
async function entries(path: string, handle: FileHandle): Promise<Entries> {
  return (await readEntries(path, { ids: false, handle })).entries;
}
