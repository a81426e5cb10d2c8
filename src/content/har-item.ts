/**
 * A HAR item, wherever it was met (a har: target, a file in a folder, an archive member, a git
 * blob, an attachment): read whole up to --max-har-bytes and parsed field by field; above the
 * cap it is still streamed as plain text, with an error item saying the read was partial.
 */
import type { ByteItem, Chunk, Provenance, SourceContext } from "../types.js";
import { AS_TEXT, harAsText, harFileChunks, harTextChunks, maxHarBytes } from "./har.js";

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
      yield* harAsText(once(item.bytes), base, item.id, ctx);
      return;
    }
    ctx.count({ bytes: item.bytes.length });
    yield* harTextChunks(Buffer.from(item.bytes).toString("utf8"), base, item.id, ctx);
    return;
  }
  if (item.file) {
    yield* harFileChunks(item.file, base, item.id, ctx);
    return;
  }
  yield* harStreamChunks(item.bytes(), base, item.id, ctx);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A HAR met as a stream (an archive member): read whole up to the cap, else as text. */
async function* harStreamChunks(
  stream: AsyncIterable<Uint8Array>,
  base: Provenance,
  id: string,
  ctx: SourceContext,
): AsyncGenerator<Chunk> {
  const parts: Buffer[] = [];
  const max = maxHarBytes(ctx);
  let size = 0;
  const it = stream[Symbol.asyncIterator]();
  for (let r = await it.next(); !r.done; r = await it.next()) {
    size += r.value.length;
    parts.push(Buffer.from(r.value));
    if (size > max) {
      ctx.error(id, `HAR larger than ${max} bytes (--max-har-bytes); ${AS_TEXT}`);
      async function* rest(): AsyncGenerator<Uint8Array> {
        yield* parts.splice(0);
        for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
      }
      yield* harAsText(rest(), base, id, ctx);
      return;
    }
  }
  ctx.count({ bytes: size });
  yield* harTextChunks(Buffer.concat(parts).toString("utf8"), base, id, ctx);
}
