/** What one archive layer hands the next: the scan context, the outer provenance, the budget. */
import type { Chunk, Provenance, SourceContext } from "../types.js";
import type { ArchiveBudget } from "./archive-limits.js";

/** Reads one member (nested archives included); passed in so the readers need not import it. */
export type MemberReader = (
  bytes: AsyncIterable<Uint8Array>,
  locator: string,
  member: string | undefined,
  depth: number,
  scope: ArchiveScope,
) => AsyncGenerator<Chunk>;

/** What an archive layer needs: the scan context, the outer provenance, and the shared budget. */
export interface ArchiveScope {
  ctx: SourceContext;
  /** Provenance of the outermost file (`fs` or `logs`); members copy its source. */
  base: Provenance;
  budget: ArchiveBudget;
  /** Reads a member of this layer. */
  open: MemberReader;
}
