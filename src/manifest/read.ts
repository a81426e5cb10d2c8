/** Reading a manifest as stored (for editing and listing: no key needed). */
import { readFile } from "node:fs/promises";
import { ManifestError } from "../errors.js";
import { acceptEntry, checkHeader } from "./file.js";
import type { Manifest } from "./types.js";

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

/** A short reason for a failed read. */
export function readCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "no such file" : (code ?? String(err));
}

/** Reads and validates a manifest as stored (for editing and listing; no key needed). */
export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ManifestError(`${path}: cannot read manifest (${readCode(err)})`);
  }
  return { ...parseManifest(text, path), path };
}
