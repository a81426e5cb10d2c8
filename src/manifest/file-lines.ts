/**
 * The lines of an open file, read from its first byte with positioned reads: the handle's own
 * position never moves and nothing closes it, so the same open file can be read again (loading a
 * manifest reads it twice) even when `manifest add` has meanwhile replaced the file by its name.
 */
import type { FileHandle } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { ManifestError } from "../errors.js";

// under V8's large-object size: each chunk's string dies young (1 MB ones piled up until a full GC)
const CHUNK = 1 << 16;

/** Yields each line without its `\n` (or `\r\n`); a read error is a ManifestError naming the file. */
export async function* fileLines(fh: FileHandle, path: string): AsyncGenerator<string> {
  const buf = Buffer.allocUnsafe(CHUNK);
  const decoder = new StringDecoder("utf8");
  // the pieces of a line longer than a chunk (a whole-file JSON on one line), joined once
  let parts: string[] = [];
  for (let pos = 0; ; ) {
    const n = await read(fh, buf, pos, path);
    const chunk = n ? decoder.write(buf.subarray(0, n)) : decoder.end();
    pos += n;
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", from)) {
      parts.push(chunk.slice(from, nl));
      const line = parts.length === 1 ? parts[0]! : parts.join("");
      parts = [];
      from = nl + 1;
      yield line.endsWith("\r") ? line.slice(0, -1) : line;
    }
    if (from < chunk.length) parts.push(chunk.slice(from));
    if (!n) break;
  }
  if (parts.length) yield parts.join("");
}

async function read(fh: FileHandle, buf: Buffer, pos: number, path: string): Promise<number> {
  try {
    return (await fh.read(buf, 0, buf.length, pos)).bytesRead;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ManifestError(`${path}: cannot read manifest (${code})`);
  }
}
