/**
 * Archives met anywhere (a file, a git blob, an attachment, a member of another archive): zip
 * (yauzl), tar (tar-stream), gzip (node:zlib), nested up to --max-archive-depth. A member's
 * locator is `outer.zip!dir/inner.tar.gz!file.txt` (path) with the innermost name as `member`.
 * Kinds are told by their first bytes, not their names, so a renamed archive is still opened.
 * Corrupt or encrypted members become error items; a tripped zip-bomb guard stops the outermost
 * archive; the scan goes on either way.
 */
import { stat } from "node:fs/promises";
import { createGunzip, type ZlibOptions } from "node:zlib";
import { reasonOf } from "../errors.js";
import type { ByteItem, Chunk, SourceContext } from "../types.js";
import { ArchiveBudget, ArchiveLimitError, archiveLimits } from "./archive-limits.js";
import type { ArchiveScope, ItemReader, Nesting } from "./archive-scope.js";
import { tarChunks } from "./archive-tar.js";
import { zipChunks } from "./archive-zip.js";
import type { ArchiveKind } from "./kind.js";
import { pipeInto } from "./streams.js";

/** The size of an item's bytes, for the budget's ratio guard (0 when unknown). */
async function sizeOf(item: ByteItem): Promise<number> {
  if (item.size !== undefined) return item.size;
  if (item.bytes instanceof Uint8Array) return item.bytes.length;
  return item.file ? (await stat(item.file)).size : 0;
}

/** Chunks of an archive item; the outermost archive owns the budget and reports its failures. */
export async function* archiveChunks(
  item: ByteItem,
  kind: ArchiveKind,
  bytes: AsyncIterable<Uint8Array>,
  ctx: SourceContext,
  nest: Nesting,
  read: ItemReader,
): AsyncGenerator<Chunk> {
  const budget = nest.budget ?? new ArchiveBudget(archiveLimits(ctx.options), await sizeOf(item), item.id);
  const max = budget.limits.maxDepth;
  // a tar right inside a gzip is one layer (.tar.gz), not two
  const depth = kind === "tar" && nest.inGzip ? nest.depth : nest.depth + 1;
  if (depth > max) {
    // a nested bomb holds thousands of such layers: the outermost archive reports them once
    if (nest.budget) nest.budget.deeper(item.id);
    else ctx.error(item.id, "archive not opened (--max-archive-depth 0)");
    return;
  }
  const scope: ArchiveScope = { ctx, archive: item, budget, depth, read };
  try {
    if (kind === "zip") yield* zipChunks(scope, bytes);
    else if (kind === "tar") yield* tarChunks(scope, bytes);
    else {
      // big output steps and some read-ahead: each step is a thread-pool round trip
      const gunzip = createGunzip({ chunkSize: 1 << 20, highWaterMark: 1 << 20 } as ZlibOptions);
      const out = budget.count(pipeInto(bytes, gunzip), item.id);
      const inner: ByteItem = { ...item, bytes: () => out, file: undefined, size: undefined };
      yield* read(inner, ctx, { depth, budget, inGzip: true });
    }
  } catch (err) {
    if (nest.budget) throw err; // an inner layer: the outermost archive reports it
    if (err instanceof ArchiveLimitError) ctx.error(err.item ?? item.id, err.message);
    else ctx.error(item.id, `unreadable archive: ${reasonOf(err)}`);
  }
  if (!nest.budget && budget.tooDeep) reportTooDeep(ctx, budget, item.id);
}

/** One error item for every layer of one archive left unopened for --max-archive-depth. */
function reportTooDeep(ctx: SourceContext, budget: ArchiveBudget, root: string): void {
  const { first, count } = budget.tooDeep!;
  const more = count > 1 ? ` (it and ${count - 1} more archives nested as deep in ${root})` : "";
  ctx.error(
    first,
    `archive nested deeper than ${budget.limits.maxDepth} levels (--max-archive-depth); not opened${more}`,
  );
}
