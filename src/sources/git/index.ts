/**
 * The `git:PATH|URL` source: every blob of a repository's history, from every ref (branches,
 * tags, remote-tracking refs, the stash, notes), each unique blob read exactly once through one
 * `git cat-file --batch`, and every commit and annotated tag message. Its findings are folded
 * (fold.ts): one per secret per path across versions, with the commit that introduced it, the
 * refs that hold it and whether it is still at the tip of the default branch. `--unreachable`
 * adds blobs no ref reaches; `--since` / `--range` keep only the blobs those commits introduce (CI).
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fingerprintKey } from "../../fingerprint.js";
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { blobItems } from "./blobs.js";
import { IdQueue, openCatFile } from "./cat-file.js";
import { Deltas } from "./delta.js";
import type { GitOptions } from "./descriptor.js";
import { gitAt, gitReason } from "./exec.js";
import { type FoldInput, historyFolder } from "./fold.js";
import { noticeSubmodules } from "./gitlinks.js";
import type { CommitGraph } from "./graph.js";
import type { BlobInfo, History } from "./history.js";
import { historySkip } from "./ignore.js";
import { ReadList } from "./items.js";
import { openRepo, type RepoInfo } from "./repo.js";
import { siftFirst } from "./sift-first.js";
import { walkHistory } from "./walk.js";

/** A promise settled from outside: the fold waits on what the history pass finds. */
class Later<T> {
  readonly promise: Promise<T>;
  settle!: (value: T | Promise<T>) => void;
  constructor() {
    this.promise = new Promise<T>((r) => (this.settle = r));
    this.promise.catch(() => {}); // whoever awaits it sees the error; unawaited it is not unhandled
  }
}

/** What the fold needs, filled in while the history is read. */
interface Found {
  blobs: Map<string, BlobInfo>;
  graph: Later<CommitGraph | undefined>;
  head: Later<Awaited<FoldInput["head"]>>;
}

/** The `git:` source. */
export function gitSource(target: Target, options: GitOptions, ctx: SourceContext): Source {
  const found: Found = { blobs: new Map(), graph: new Later(), head: new Later() };
  const spec = target.spec;
  return {
    folder: () =>
      historyFolder({
        key: fingerprintKey(ctx.env),
        blobs: found.blobs,
        graph: found.graph.promise,
        head: found.head.promise,
      }),
    async *items(signal?: AbortSignal): AsyncGenerator<Item> {
      try {
        // a URL has no local path: it is cloned first
        if (target.path === undefined) yield* cloneAndScan(spec, options, ctx, found, signal);
        else yield* scanRepo(target.path, spec, options, ctx, found, signal);
      } finally {
        // a repository that could not be opened: the fold has nothing to resolve
        found.graph.settle(undefined);
        found.head.settle({ blobs: new Set() });
      }
    },
  };
}

/** Clones a URL into a temporary mirror, scans it, and removes it. */
async function* cloneAndScan(
  spec: string,
  options: GitOptions,
  ctx: SourceContext,
  found: Found,
  signal?: AbortSignal,
) {
  const tmp = await mkdtemp(path.join(tmpdir(), "residue-clone-"));
  try {
    const dir = path.join(tmp, "repo.git");
    try {
      await gitAt(tmp).clone(spec, dir, ["--mirror", "--quiet"]);
    } catch (err) {
      ctx.error(spec, `could not clone: ${gitReason(err)}`);
      return;
    }
    yield* scanRepo(dir, spec, options, ctx, found, signal);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Opens `dir` as a repository; reports why not and returns undefined otherwise. */
async function open(dir: string, name: string, ctx: SourceContext): Promise<RepoInfo | undefined> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    ctx.error(name, info ? "not a folder, so not a git repository" : "no such folder");
    return undefined;
  }
  const repo = await openRepo(dir);
  if ("reason" in repo) {
    ctx.error(name, repo.reason);
    return undefined;
  }
  if (repo.shallow)
    ctx.notice(
      `${name} is a shallow clone: commits before its cut-off are not in it and were not scanned (fetch with --unshallow to scan them)`,
    );
  return repo;
}

/** Reads the history and yields each item as soon as the log pass has found it. */
async function* scanRepo(
  dir: string,
  name: string,
  options: GitOptions,
  ctx: SourceContext,
  found: Found,
  signal?: AbortSignal,
): AsyncGenerator<Item> {
  const repo = await open(dir, name, ctx);
  if (!repo) return;
  const sifted = await siftFirst(dir, options, ctx);
  if (sifted === "nothing") return;
  const reads = sifted && ((sha: string) => sifted.keep.has(sha) || !sifted.seen.has(sha));
  // cat-file starts now and reads objects as the log pass finds them, while earlier ones are matched
  const queue = new IdQueue();
  const cat = openCatFile(dir, queue);
  const list = new ReadList(queue, new Deltas(), reads);
  const into: History = {
    blobs: found.blobs,
    submodules: new Map(),
    onNew: (b) => list.blob(b),
    skip: await historySkip(dir, options),
  };
  const out = { into, settleGraph: found.graph.settle, settleHead: found.head.settle };
  const walk = walkHistory(dir, name, repo, options, ctx, list, out).then(
    () => noticeSubmodules(into.submodules, ctx),
    (err: unknown) => ctx.error(name, `could not read the history: ${gitReason(err)}`),
  );
  void walk.finally(() => queue.close());
  try {
    yield* blobItems(dir, list.items, ctx, { signal, objects: cat.objects() });
    await walk;
  } finally {
    queue.close();
    cat.close();
  }
}
