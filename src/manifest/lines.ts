/**
 * Reading a manifest entry by entry, whatever its size: the line layout (file.ts) is streamed
 * one line at a time, so listing, editing or loading 1,000,000 entries never holds the file, a
 * string of it, or an object per entry. A file in another JSON layout (hand-edited, pretty-printed)
 * is parsed whole, which is fine for the small files that are edited by hand.
 */
import { type FileHandle, open, readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { ManifestError } from "../errors.js";
import { acceptEntry, checkHeader, ENTRIES_OPEN } from "./file.js";
import type { ManifestEntry } from "./schema.js";
import type { Manifest } from "./types.js";

/** One entry as read: its parsed form and, in the line layout, its line as written. */
export interface EntryLine {
  entry: ManifestEntry;
  /** The entry's JSON text, without the separating comma. */
  raw: string;
}

/** A manifest being read: its header now, its entries as they stream. */
export interface ManifestReader {
  header: Manifest;
  entries: AsyncIterable<EntryLine>;
  /** Closes the file early (reading every entry closes it too). */
  close(): void;
}

/** A short reason for a failed read. */
export function readCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "no such file" : (code ?? String(err));
}

function parseLine(text: string, path: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ManifestError(`${path}: corrupt manifest: ${where}: invalid JSON`);
  }
}

const W_KEY = ',"w":"';

/**
 * Parses one entry line. Its window hashes (most of the line) are taken as a slice of the line,
 * not copied by JSON.parse: a million of them would be 150 MB of garbage for the collector. A
 * `,"w":"` can only be the key itself: inside a JSON string its quotes would be escaped.
 */
function parseEntry(raw: string, path: string, i: number): unknown {
  const at = raw.indexOf(W_KEY);
  const end = at === -1 ? -1 : raw.indexOf('"', at + W_KEY.length);
  if (end === -1) return parseLine(raw, path, `entries.${i}`);
  const e = parseLine(raw.slice(0, at) + raw.slice(end + 1), path, `entries.${i}`);
  if (e && typeof e === "object") (e as { w?: string }).w = raw.slice(at + W_KEY.length, end);
  return e;
}

/**
 * Opens a manifest for reading entry by entry. `ids` (default on) refuses an id seen twice,
 * which costs a set of every id: loading for a scan turns it off.
 */
export async function readEntries(path: string, opts: { ids?: boolean } = {}): Promise<ManifestReader> {
  // opened first, so a missing or unreadable file is one clear error; a read that fails midway
  // ends the lines early, which reads as a truncated manifest
  let fh: FileHandle;
  try {
    fh = await open(path, "r");
  } catch (err) {
    throw new ManifestError(`${path}: cannot read manifest (${readCode(err)})`);
  }
  const input = fh.createReadStream({ encoding: "utf8" });
  input.on("error", () => {});
  const lines = createInterface({ input, crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? "" : first.value;
  if (!head.endsWith(ENTRIES_OPEN)) {
    lines.close();
    input.destroy();
    return wholeFile(path, opts);
  }
  const header = { ...checkHeader(parseLine(`${head}]}`, path, "header"), path), entries: [] } as Manifest;
  const seen = opts.ids === false ? undefined : new Set<string>();
  async function* entries(): AsyncGenerator<EntryLine> {
    for (let i = 0; ; i++) {
      const next = await it.next();
      if (next.done) throw new ManifestError(`${path}: corrupt manifest: truncated (no closing "]}")`);
      if (next.value === "]}") return;
      if (!next.value) {
        i--;
        continue; // an empty manifest written by an older residue has a blank line
      }
      const raw = next.value.endsWith(",") ? next.value.slice(0, -1) : next.value;
      const entry = acceptEntry(parseEntry(raw, path, i), i, seen, path);
      yield { entry, raw };
    }
  }
  return {
    header,
    entries: entries(),
    close: () => {
      lines.close();
      input.destroy();
    },
  };
}

/** A manifest in another layout: parsed whole. */
async function wholeFile(path: string, opts: { ids?: boolean }): Promise<ManifestReader> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ManifestError(`${path}: cannot read manifest (${readCode(err)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ManifestError(`${path}: not a residue manifest (invalid JSON)`);
  }
  const header = { ...checkHeader(raw, path), entries: [] } as Manifest;
  const list = (raw as { entries?: unknown }).entries;
  if (!Array.isArray(list)) throw new ManifestError(`${path}: corrupt manifest: entries: expected an array`);
  const seen = opts.ids === false ? undefined : new Set<string>();
  // in memory anyway: checked before the first is read, as a corrupt file should be refused whole
  const checked = (list as unknown[]).map((e, i) => acceptEntry(e, i, seen, path));
  async function* entries(): AsyncGenerator<EntryLine> {
    for (const entry of checked) yield { entry, raw: JSON.stringify(entry) };
  }
  return { header, entries: entries(), close: () => {} };
}
