/**
 * The manifest file layout: a JSON object whose header (format, version, salt...) is on the first
 * line and whose entries follow one per line. It stays plain JSON for any tool, and lets a scan
 * load 100,000 entries line by line, decoding window hashes straight into typed arrays, without
 * ever holding the whole file (or 100,000 window strings) in memory.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { ManifestError } from "../errors.js";
import { type ManifestKeys, WINDOW } from "./keys.js";
import { checkEntry, type ManifestEntry, type ManifestFile, manifestSchema } from "./schema.js";
import { unseal } from "./seal.js";
import { tablesFrom } from "./tables.js";
import type { Manifest } from "./types.js";

const ENTRIES_OPEN = ',"entries":[';

/** Validates everything but the entries; throws ManifestError with one clear line. */
export function checkHeader(raw: unknown, path: string): Omit<ManifestFile, "entries"> & { path: string } {
  const o = raw as { format?: unknown; version?: unknown } | null;
  if (!o || typeof o !== "object" || o.format !== "residue-manifest")
    throw new ManifestError(`${path}: not a residue manifest (no "format": "residue-manifest")`);
  if (o.version === 1)
    throw new ManifestError(
      `${path}: old manifest format (version 1) refused: its fingerprints are keyed only by a salt stored in the file, so anyone holding it can test guesses and recover the secrets; re-add the secrets with \`residue manifest add -m NEW_FILE\` (keyed by a key kept outside the file), then delete this file and every copy of it`,
    );
  if (o.version !== 2)
    throw new ManifestError(
      `${path}: unknown manifest version ${JSON.stringify(o.version)}; this residue reads version 2`,
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

/** Checks one parsed entry against the ones before it. */
export function acceptEntry(e: unknown, i: number, ids: Set<string>, path: string): ManifestEntry {
  const problem = checkEntry(e);
  if (problem) throw new ManifestError(`${path}: corrupt manifest: entries.${i}.${problem}`);
  const id = (e as ManifestEntry).id;
  if (ids.has(id)) throw new ManifestError(`${path}: corrupt manifest: id "${id}" appears twice`);
  ids.add(id);
  return e as ManifestEntry;
}

/** The file text: header line, then one entry per line. */
export function serializeManifest(m: Manifest): string {
  const { path: _p, tables: _t, packed: _d, entries, ...rest } = m;
  let windows = 0;
  for (const e of entries) if (e.w) windows += e.length - WINDOW + 1;
  const header = { ...rest, windows };
  const head = JSON.stringify(header).replace(/\}$/, ENTRIES_OPEN);
  return `${head}\n${entries.map((e) => JSON.stringify(e)).join(",\n")}\n]}\n`;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A growable array of window hashes, in shared memory, sized up front when the header says. */
class Hashes {
  data: Uint32Array;
  /** A byte view of data, so base64 decodes straight into it (no Buffer per entry). */
  private bytes: Buffer;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(new SharedArrayBuffer(4 * Math.max(capacity, 1024)));
    this.bytes = Buffer.from(this.data.buffer);
  }
  /** Appends n sealed window hashes given as base64, unsealed; false when w does not hold exactly n. */
  push(w: string, n: number, keys: ManifestKeys): boolean {
    if (Buffer.byteLength(w, "base64") !== 4 * n) return false;
    while (this.length + n > this.data.length) {
      const next = new Uint32Array(new SharedArrayBuffer(this.data.length * 8));
      next.set(this.data);
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
}

/**
 * Loads a manifest written in the line layout, for scanning: entries without their packed
 * windows, plus the window tables (unsealed with the keys `open` gives for the header). Undefined
 * when the file has another layout.
 */
export async function loadByLines(
  path: string,
  open: (header: Manifest) => ManifestKeys,
): Promise<{ m: Manifest; keys: ManifestKeys } | undefined> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let m: Manifest | undefined;
  let keys: ManifestKeys | undefined;
  let hashes = new Hashes(0);
  const base = [0];
  const ids = new Set<string>();
  let closed = false;
  for await (const line of lines) {
    if (!m) {
      if (!line.endsWith(ENTRIES_OPEN)) {
        lines.close();
        return undefined;
      }
      m = { ...checkHeader(parseLine(`${line}]}`, path, "header"), path), entries: [] };
      keys = open(m);
      hashes = new Hashes(m.windows ?? 0);
      continue;
    }
    if (line === "]}") {
      closed = true;
      break;
    }
    const i = m.entries.length;
    const e = acceptEntry(parseLine(line.replace(/,$/, ""), path, `entries.${i}`), i, ids, path);
    if (e.w !== undefined) {
      if (!hashes.push(e.w, e.length - WINDOW + 1, keys!))
        throw new ManifestError(`${path}: corrupt manifest: entries.${i}.w: wrong size`);
      delete e.w;
    }
    base.push(hashes.length);
    m.entries.push(e);
  }
  if (!m || !keys) return undefined;
  if (!closed) throw new ManifestError(`${path}: corrupt manifest: truncated (no closing "]}")`);
  m.tables = tablesFrom(Int32Array.from(base), hashes.data.subarray(0, hashes.length));
  delete m.windows;
  return { m, keys };
}

function parseLine(text: string, path: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ManifestError(`${path}: corrupt manifest: ${where}: invalid JSON`);
  }
}
