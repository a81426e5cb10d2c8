/**
 * Reading a manifest entry by entry, whatever its size: the line layout (file.ts) is streamed
 * one line at a time, so listing, editing or loading 1,000,000 entries never holds the file, a
 * string of it, or an object per entry. A file in another JSON layout (hand-edited, pretty-printed)
 * is parsed whole, which is fine for the small files that are edited by hand.
 */
import { type FileHandle, open } from "node:fs/promises";
import { ManifestError } from "../errors.js";
import { acceptEntry, checkHeader, ENTRIES_OPEN } from "./file.js";
import { fileLines } from "./file-lines.js";
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

/**
 * Parses one entry line. Its window hashes and needles (most of the line) are taken as slices of
 * the line, not copied by JSON.parse: a million of them would be 150 MB of garbage for the
 * collector. A `,"w":"` can only be the key itself: inside a JSON string its quotes would be escaped.
 */
function parseEntry(raw: string, path: string, i: number): unknown {
  let rest = raw;
  const packed: [string, string][] = [];
  for (const key of ["w", "x"]) {
    const mark = `,"${key}":"`;
    const at = rest.indexOf(mark);
    const end = at === -1 ? -1 : rest.indexOf('"', at + mark.length);
    if (end === -1) continue;
    packed.push([key, rest.slice(at + mark.length, end)]);
    rest = rest.slice(0, at) + rest.slice(end + 1);
  }
  const e = parseLine(rest, path, `entries.${i}`);
  if (e && typeof e === "object")
    for (const [key, value] of packed) (e as Record<string, string>)[key] = value;
  return e;
}

/** How to read: `ids` (default on) refuses an id seen twice; `handle` reads an open file again. */
export interface ReadOptions {
  ids?: boolean;
  handle?: FileHandle;
}

/**
 * Opens a manifest file; a missing or unreadable file is one clear error (a read that fails
 * midway ends the lines early, which reads as a truncated manifest). The handle reads the same
 * file however often it is read, even when `manifest add` replaces it meanwhile.
 */
export async function openManifest(path: string): Promise<FileHandle> {
  try {
    return await open(path, "r");
  } catch (err) {
    throw new ManifestError(`${path}: cannot read manifest (${readCode(err)})`);
  }
}

/**
 * Opens a manifest for reading entry by entry. `ids` (default on) refuses an id seen twice,
 * which costs a set of every id: loading for a scan turns it off.
 */
export async function readEntries(path: string, opts: ReadOptions = {}): Promise<ManifestReader> {
  const fh = opts.handle ?? (await openManifest(path));
  let closed = false;
  const close = () => {
    if (!closed && !opts.handle) fh.close().catch(() => {});
    closed = true;
  };
  const it = fileLines(fh, path);
  try {
    const first = await it.next();
    const head = first.done ? "" : first.value;
    if (!head.endsWith(ENTRIES_OPEN)) {
      const whole = await wholeFile(path, opts, head, it);
      close();
      return whole;
    }
    const header = { ...checkHeader(parseLine(`${head}]}`, path, "header"), path), entries: [] } as Manifest;
    return { header, entries: lineEntries(path, it, opts, close), close };
  } catch (err) {
    close();
    throw err;
  }
}

/** The entries of the line layout, after its header line. */
async function* lineEntries(
  path: string,
  it: AsyncGenerator<string>,
  opts: ReadOptions,
  close: () => void,
): AsyncGenerator<EntryLine> {
  const seen = opts.ids === false ? undefined : new Set<string>();
  try {
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
  } finally {
    close();
  }
}

/** A manifest in another layout: parsed whole (the rest of its lines after the first). */
async function wholeFile(
  path: string,
  opts: ReadOptions,
  head: string,
  it: AsyncGenerator<string>,
): Promise<ManifestReader> {
  const lines = [head];
  for await (const line of it) lines.push(line);
  const text = lines.join("\n");
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
