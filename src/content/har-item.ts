/**
 * A HAR item, wherever it was met (a har: target, a file in a folder, an archive member, a git
 * blob, an attachment): up to --max-har-bytes, read one entry at a time and parsed field by
 * field (a large one met as a stream is first kept in a temporary file, so memory never holds
 * the capture); above the cap it is still streamed as plain text, with an error item saying the
 * read was partial.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ByteItem, Chunk, Provenance, SourceContext } from "../types.js";
import { AS_TEXT, harAsText, harBytesChunks, harFileChunks, maxHarBytes } from "./har.js";
import { fileBytes } from "./text.js";

/** Sources whose HAR files are HAR captures in their own right (the `har` system). */
const ON_DISK = new Set(["fs", "logs", "har"]);

/** The provenance HAR chunks build on: a HAR on disk is a capture; elsewhere it keeps its place. */
export function harBase(item: ByteItem): Provenance {
  const p = item.provenance;
  if (!ON_DISK.has(p.source)) return p;
  return { source: "har", path: p.path ?? item.name, ...(p.member !== undefined && { member: p.member }) };
}

/** Chunks of a HAR item. */
export async function* harItemChunks(item: ByteItem, ctx: SourceContext): AsyncGenerator<Chunk> {
  const base = harBase(item);
  const max = maxHarBytes(ctx);
  if (item.bytes instanceof Uint8Array) {
    if (item.bytes.length > max) {
      ctx.error(
        item.id,
        `HAR of ${item.bytes.length} bytes is larger than ${max} (--max-har-bytes); ${AS_TEXT}`,
      );
      yield* harAsText(whole(item.bytes), base, item.id, ctx);
      return;
    }
    ctx.count({ bytes: item.bytes.length });
    yield* harBytesChunks(item.bytes, base, item.id, ctx);
    return;
  }
  if (item.file) {
    yield* harFileChunks(item.file, base, item.id, ctx);
    return;
  }
  yield* harStreamChunks(item.bytes(), base, item.id, ctx);
}

async function* whole(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Above this size a HAR met as a stream goes to a temporary file, read from there entry by entry. */
const SPOOL_ABOVE = 16 << 20;

/** Where a streamed HAR's bytes are kept until it is read: memory, then a temporary file. */
class Spool {
  parts: Buffer[] = [];
  size = 0;
  dir?: string;
  private out?: WriteStream;

  async add(b: Uint8Array): Promise<void> {
    this.size += b.length;
    this.parts.push(Buffer.from(b));
    if (!this.out && this.size <= SPOOL_ABOVE) return;
    if (!this.out) {
      this.dir = await mkdtemp(path.join(tmpdir(), "residue-har-"));
      this.out = createWriteStream(this.file, { mode: 0o600 });
    }
    for (const p of this.parts.splice(0)) if (!this.out.write(p)) await once(this.out, "drain");
  }

  get file(): string {
    return path.join(this.dir!, "capture.har");
  }

  /** The bytes kept so far, as a stream (the file first when spooled). */
  async *bytes(): AsyncGenerator<Uint8Array> {
    if (this.out) {
      await this.close();
      yield* fileBytes(this.file);
    }
    yield* this.parts.splice(0);
  }

  async close(): Promise<void> {
    if (this.out && !this.out.closed) {
      this.out.end();
      await once(this.out, "close");
    }
  }

  async remove(): Promise<void> {
    await this.close();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * A HAR met as a stream (an archive member): up to the cap, kept (a large one in a temporary
 * file) and read entry by entry; above the cap, read as plain text with an error item.
 */
async function* harStreamChunks(
  stream: AsyncIterable<Uint8Array>,
  base: Provenance,
  id: string,
  ctx: SourceContext,
): AsyncGenerator<Chunk> {
  const max = maxHarBytes(ctx);
  const spool = new Spool();
  try {
    const it = stream[Symbol.asyncIterator]();
    for (let r = await it.next(); !r.done; r = await it.next()) {
      await spool.add(r.value);
      if (spool.size > max) {
        ctx.error(id, `HAR larger than ${max} bytes (--max-har-bytes); ${AS_TEXT}`);
        async function* rest(): AsyncGenerator<Uint8Array> {
          yield* spool.bytes();
          for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
        }
        yield* harAsText(rest(), base, id, ctx);
        return;
      }
    }
    if (spool.dir) {
      await spool.close();
      yield* harFileChunks(spool.file, base, id, ctx); // it counts the bytes
    } else {
      ctx.count({ bytes: spool.size });
      yield* harBytesChunks(Buffer.concat(spool.parts.splice(0)), base, id, ctx);
    }
  } finally {
    await spool.remove();
  }
}
