/**
 * Archives inside any PATH or logs: source: zip (yauzl), tar (tar-stream), gzip (node:zlib),
 * nested up to --max-archive-depth. A member's locator is `outer.zip!dir/inner.tar.gz!file.txt`
 * (path) with the innermost name as `member`. Kinds are told by their first bytes, not their
 * names, so a renamed archive is still opened. Corrupt or encrypted members become error items;
 * a tripped zip-bomb guard stops the outermost archive; the scan goes on either way.
 */
import { createGunzip, type ZlibOptions } from "node:zlib";
import { reasonOf } from "../errors.js";
import type { Chunk, Provenance, SourceContext } from "../types.js";
import { ArchiveBudget, ArchiveLimitError, archiveLimits } from "./archive-limits.js";
import type { ArchiveScope } from "./archive-scope.js";
import { tarChunks } from "./archive-tar.js";
import { zipFileChunks, zipStreamChunks } from "./archive-zip.js";
import { AS_TEXT, harAsText, harTextChunks, maxHarBytes } from "./har.js";
import { type ArchiveKind, archiveKind, isHarName } from "./kind.js";
import { cleanLogChunk } from "./log-clean.js";
import { peekHead, pipeInto } from "./streams.js";
import { chunkOptions, itemChunks } from "./text.js";

/** Chunks of an archive file on disk; limit errors and unreadable archives become error items. */
export async function* archiveFileChunks(
  file: string,
  kind: ArchiveKind,
  size: number,
  ctx: SourceContext,
  base: Provenance,
  bytes: () => AsyncIterable<Uint8Array>,
): AsyncGenerator<Chunk> {
  const shown = base.path ?? file;
  const budget = new ArchiveBudget(archiveLimits(ctx.options), size, shown);
  const scope: ArchiveScope = { ctx, base, budget, open: memberChunks };
  if (budget.limits.maxDepth < 1) {
    ctx.error(shown, "archive not opened (--max-archive-depth 0)");
    return;
  }
  try {
    if (kind === "zip") yield* zipFileChunks(file, shown, 1, scope);
    else yield* memberChunks(bytes(), shown, undefined, 0, scope);
  } catch (err) {
    if (err instanceof ArchiveLimitError) ctx.error(err.item ?? shown, err.message);
    else ctx.error(shown, `unreadable archive: ${reasonOf(err)}`);
  }
}

/** Chunks of one member (or of a decompressed stream): opens nested archives, else reads text. */
export async function* memberChunks(
  bytes: AsyncIterable<Uint8Array>,
  locator: string,
  member: string | undefined,
  depth: number,
  scope: ArchiveScope,
  inGzip = false,
): AsyncGenerator<Chunk> {
  const { head, stream } = await peekHead(bytes, 512);
  const kind = archiveKind(head);
  const max = scope.budget.limits.maxDepth;
  // a tar right inside a gzip is one layer (.tar.gz), not two
  const next = kind === "tar" && inGzip ? depth : depth + 1;
  if (kind && next > max) {
    scope.ctx.error(locator, `archive nested deeper than ${max} levels (--max-archive-depth); not opened`);
    return;
  }
  if (kind === "zip") yield* zipStreamChunks(stream, locator, next, scope);
  else if (kind === "gzip") {
    // big output steps and some read-ahead: each step is a thread-pool round trip
    const gunzip = createGunzip({ chunkSize: 1 << 20, highWaterMark: 1 << 20 } as ZlibOptions);
    const out = scope.budget.count(pipeInto(stream, gunzip), locator);
    yield* memberChunks(out, locator, member, next, scope, true);
  } else if (kind === "tar") yield* tarChunks(stream, locator, next, scope);
  else if (isHarName(member ?? locator)) yield* harMember(stream, locator, member, scope);
  else yield* textMember(stream, locator, member, scope);
}

/** A plain member: streamed text chunks, log noise stripped under a logs: source. */
async function* textMember(
  stream: AsyncIterable<Uint8Array>,
  locator: string,
  member: string | undefined,
  scope: ArchiveScope,
): AsyncGenerator<Chunk> {
  const provenance: Provenance = { source: scope.base.source, path: locator, ...(member && { member }) };
  const isLog = scope.base.source === "logs";
  for await (const c of itemChunks(stream, provenance, scope.ctx, chunkOptions(scope.ctx)))
    yield isLog ? cleanLogChunk(c) : c;
}

/** A `.har` member: read whole (up to the HAR cap), then parsed like a har: file. */
async function* harMember(
  stream: AsyncIterable<Uint8Array>,
  locator: string,
  member: string | undefined,
  scope: ArchiveScope,
): AsyncGenerator<Chunk> {
  const parts: Buffer[] = [];
  const max = maxHarBytes(scope.ctx);
  let size = 0;
  const it = stream[Symbol.asyncIterator]();
  for (let r = await it.next(); !r.done; r = await it.next()) {
    size += r.value.length;
    parts.push(Buffer.from(r.value));
    if (size > max) {
      scope.ctx.error(locator, `HAR larger than ${max} bytes (--max-har-bytes); ${AS_TEXT}`);
      async function* rest(): AsyncGenerator<Uint8Array> {
        yield* parts.splice(0);
        for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
      }
      yield* harAsText(rest(), locator, scope.ctx, member);
      return;
    }
  }
  scope.ctx.count({ bytes: size });
  yield* harTextChunks(Buffer.concat(parts).toString("utf8"), locator, scope.ctx, member);
}
