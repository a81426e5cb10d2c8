/**
 * Writing a manifest in the line layout, streamed: the header line, then each entry's JSON as it
 * comes (copied from the old file or made from a new secret), so rewriting 1,000,000 entries never
 * builds the file as one string. Atomic: a temporary file (mode 0600) beside the target, then rename.
 */
import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { ManifestError } from "../errors.js";
import { headerLine } from "./file.js";
import type { Manifest } from "./types.js";

const FLUSH = 1 << 20;

/** Writes the header (with its window count) and the entries' JSON texts, then renames into place. */
export async function writeManifestLines(
  path: string,
  header: Manifest,
  windows: number,
  entries: AsyncIterable<string> | Iterable<string>,
  count?: number,
): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fh = await open(tmp, "w", 0o600);
    try {
      let buf = `${headerLine(header, windows, count)}\n`;
      let first = true;
      for await (const raw of entries) {
        buf += first ? raw : `,\n${raw}`;
        first = false;
        if (buf.length >= FLUSH) {
          await fh.write(buf);
          buf = "";
        }
      }
      await fh.write(`${buf}${first ? "" : "\n"}]}\n`);
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    if (err instanceof ManifestError) throw err;
    throw new ManifestError(`${path}: cannot write manifest (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
}
