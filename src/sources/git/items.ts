/**
 * The objects a history scan reads, in the order they are found: blobs as the log pass meets
 * them (read and matched by the match pool's threads, blob-job.ts), commits for their messages,
 * annotated tags for theirs (queued for this thread's `git cat-file --batch` reader and described
 * by a BlobItem at the same index).
 */
import type { ByteItem, Provenance, SourceContext } from "../../types.js";
import { shardOf } from "./blob-job.js";
import { type BlobItem, blobBody } from "./blobs.js";
import { IdQueue } from "./cat-file.js";
import type { BlobInfo, CommitInfo } from "./history.js";
import { headersOf, personOf } from "./messages.js";
import type { RefTip } from "./repo.js";

/** Blobs as found; messages and the reader's queue, kept index for index. */
export class ReadList {
  /** Commits and annotated tags, for their messages. */
  readonly items: BlobItem[] = [];
  /** Blobs in the order found; `found` holds their ids and wakes whoever waits for more. */
  readonly blobs: BlobInfo[] = [];
  readonly found = new IdQueue();
  private readonly commits = new Set<string>();
  constructor(private readonly queue: IdQueue) {}

  private push(item: BlobItem): void {
    this.items.push(item);
    this.queue.push(item.sha);
  }

  /** A blob, under the path and commit it was first seen with. */
  blob(b: BlobInfo): void {
    this.blobs.push(b);
    this.found.push(b.sha);
  }

  /** Says the log pass is over: no more blobs, commits or tags. */
  close(): void {
    this.found.close();
    this.queue.close();
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

/**
 * A blob as an item read and matched by the match pool's threads; `bytes` reads it on this thread
 * when they leave it to the streaming layer. Git LFS pointers are added to `lfs`.
 */
export function blobJobItem(dir: string, b: BlobInfo, ctx: SourceContext, lfs: string[]): ByteItem {
  const label = b.commit ? `${b.commit.sha.slice(0, 12)}:${b.path}` : `blob ${b.sha}`;
  const prev = b.prev;
  b.prev = undefined;
  const item: ByteItem = {
    id: label,
    name: b.path,
    provenance: {
      source: "git",
      path: b.path,
      ...(b.commit && { commit: b.commit.sha, author: b.commit.author, date: b.commit.date }),
      blob: b.sha,
    },
    bytes: () => blobBody(dir, b.sha),
    blob: {
      job: { dir, sha: b.sha, path: b.path, ...(prev && { prev: prev.sha }), shard: shardOf(b.path) },
      settle: (r) => {
        if (r.cut && prev) b.cut = { base: prev, ...r.cut };
        if (r.size !== undefined) item.size = r.size;
        if (!r.lfs) return false;
        ctx.skip("lfs-pointer");
        lfs.push(label);
        return true;
      },
    },
  };
  return item;
}
