/** What one archive layer hands the next: the outer item, the budget, how deep it is. */
import type { ByteItem, Chunk, SourceContext } from "../types.js";
import type { ArchiveBudget } from "./archive-limits.js";

/** Where an item sits: how many archive layers deep, and the budget of the outermost one. */
export interface Nesting {
  depth: number;
  budget?: ArchiveBudget;
  /** Right inside a gzip layer: a tar there is the same layer (.tar.gz). */
  inGzip?: boolean;
}

/** Reads any item (the content layer's entry, handed down so the readers need not import it). */
export type ItemReader = (item: ByteItem, ctx: SourceContext, nest: Nesting) => AsyncGenerator<Chunk>;

/** One archive layer being read. */
export interface ArchiveScope {
  ctx: SourceContext;
  /** The archive itself (its provenance and id name the members). */
  archive: ByteItem;
  budget: ArchiveBudget;
  /** The layer of the members. */
  depth: number;
  read: ItemReader;
}

/** A member as an item: `outer.zip!dir/inner.txt`, with the innermost name as `member`. */
export function memberItem(scope: ArchiveScope, name: string, bytes: AsyncIterable<Uint8Array>): ByteItem {
  const a = scope.archive;
  return {
    id: `${a.id}!${name}`,
    name,
    provenance: { ...a.provenance, path: `${a.provenance.path ?? a.name}!${name}`, member: name },
    bytes: () => bytes,
    ...(a.as && { as: a.as }),
  };
}

/** Reads one member through the content layer, at this layer's depth and budget. */
export function readMember(scope: ArchiveScope, item: ByteItem): AsyncGenerator<Chunk> {
  return scope.read(item, scope.ctx, { depth: scope.depth, budget: scope.budget });
}
