/**
 * The objects a history scan reads, in the order they are found: blobs as the log pass meets
 * them, commits for their messages, annotated tags for theirs. Each is queued for the one
 * `git cat-file --batch` reader and described by a BlobItem at the same index.
 */
import type { Provenance, SourceContext } from "../../types.js";
import type { BlobItem } from "./blobs.js";
import type { IdQueue } from "./cat-file.js";
import type { Deltas } from "./delta.js";
import type { BlobInfo, CommitInfo } from "./history.js";
import { headersOf, personOf } from "./messages.js";
import type { RefTip } from "./repo.js";

/** Items and the reader's queue, kept index for index. */
export class ReadList {
  readonly items: BlobItem[] = [];
  private readonly commits = new Set<string>();
  constructor(
    private readonly queue: IdQueue,
    private readonly deltas?: Deltas,
    /** When set, only the objects it passes are read (the others were sifted out: sift.ts). */
    private readonly reads?: (sha: string) => boolean,
  ) {}

  private push(item: BlobItem): void {
    if (this.reads && !this.reads(item.sha)) return;
    this.items.push(item);
    this.queue.push(item.sha);
  }

  /** A blob, under the path and commit it was first seen with. */
  blob(b: BlobInfo): void {
    const label = b.commit ? `${b.commit.sha.slice(0, 12)}:${b.path}` : `blob ${b.sha}`;
    const provenance = (): Provenance => ({
      source: "git",
      path: b.path,
      ...(b.commit && { commit: b.commit.sha, author: b.commit.author, date: b.commit.date }),
      blob: b.sha,
    });
    const deltas = this.deltas;
    this.push({
      sha: b.sha,
      path: b.path,
      label,
      provenance,
      ...(deltas && {
        window: (bytes: Buffer, ctx: SourceContext) =>
          deltas.window(b, bytes, { id: label, provenance: provenance() }, ctx),
      }),
    });
  }

  /** A commit, for its message. */
  commit(c: CommitInfo): void {
    if (this.commits.has(c.sha)) return;
    this.commits.add(c.sha);
    this.push({
      sha: c.sha,
      type: "commit",
      path: "",
      label: `commit ${c.sha.slice(0, 12)} (message)`,
      provenance: (): Provenance => ({
        source: "git",
        field: "message",
        commit: c.sha,
        author: c.author,
        date: c.date,
        ...(c.lost && { survives: "unreachable" }),
      }),
    });
  }

  /** An annotated tag, for its message; the tagger is read from the tag object. */
  tag(ref: RefTip): void {
    if (!ref.tag) return;
    this.push({
      sha: ref.tag,
      type: "tag",
      path: "",
      label: `${ref.name} (tag message)`,
      provenance: (object): Provenance => {
        const tagger = personOf(object ? headersOf(object).get("tagger")?.[0] : undefined);
        return {
          source: "git",
          field: "tag",
          tag: ref.name,
          commit: ref.commit,
          author: tagger.name,
          date: tagger.date,
        };
      },
    });
  }
}
