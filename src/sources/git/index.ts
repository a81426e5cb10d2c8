/**
 * The `git:PATH|URL` source: every blob of a repository's history, from every ref (branches,
 * tags, remote-tracking refs, the stash, notes), each unique blob read exactly once through one
 * `git cat-file --batch`, reported with the oldest commit that introduced it, the refs that hold
 * it and whether it is still at the tip of the default branch. `--unreachable` adds blobs no ref
 * reaches; `--since` / `--range` keep only the blobs those commits introduce (CI).
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Item, Provenance, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { type BlobItem, blobItems } from "./blobs.js";
import { IdQueue, openCatFile } from "./cat-file.js";
import type { GitOptions } from "./descriptor.js";
import { gitAt, gitReason } from "./exec.js";
import {
  type BlobInfo,
  collectBlobs,
  collectUnreachable,
  type History,
  resolveRefSets,
  treeBlobs,
} from "./history.js";
import { commitRefSets, listRefs, RefSets, type RefTip } from "./refs.js";

/** The `git:` source. */
export function gitSource(target: Target, options: GitOptions, ctx: SourceContext): Source {
  const spec = target.spec;
  return {
    async *items(signal?: AbortSignal): AsyncGenerator<Item> {
      // a URL has no local path: it is cloned first
      if (target.path !== undefined) {
        yield* scanRepo(target.path, spec, options, ctx, signal);
        return;
      }
      const tmp = await mkdtemp(path.join(tmpdir(), "residue-clone-"));
      try {
        const dir = path.join(tmp, "repo.git");
        try {
          await gitAt(tmp).clone(spec, dir, ["--mirror", "--quiet"]);
        } catch (err) {
          ctx.error(spec, `could not clone: ${gitReason(err)}`);
          return;
        }
        yield* scanRepo(dir, spec, options, ctx, signal);
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
  };
}

/** Checks that `dir` is a repository; reports why not and returns false otherwise. */
async function openRepo(dir: string, name: string, ctx: SourceContext): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    ctx.error(name, info ? "not a folder, so not a git repository" : "no such folder");
    return false;
  }
  const revParse = await gitAt(dir)
    .raw(["rev-parse", "--git-dir", "--is-shallow-repository"])
    .catch(() => undefined);
  if (revParse === undefined) {
    ctx.error(name, "not a git repository (no .git folder here or above)");
    return false;
  }
  if (revParse.trim().endsWith("true"))
    ctx.notice(
      `${name} is a shallow clone: commits before its cut-off are not in it and were not scanned (fetch with --unshallow to scan them)`,
    );
  return true;
}

/** The revisions of the log pass: all refs, or the --range, narrowed by --since. */
function revisions({ range, since }: GitOptions): string[] {
  const revs = range ? [range] : ["--all"];
  if (since) revs.unshift(`--since=${since}`);
  return [...revs, "--"];
}

/**
 * The blobs at the tip of the default branch, or none in an empty repository. The default
 * branch is the remote's (`origin/HEAD`) when the clone knows it, since a local checkout may sit
 * on a feature branch; else HEAD (a mirror's HEAD is the remote's default branch).
 */
async function headTree(dir: string): Promise<Set<string>> {
  const remote = await gitAt(dir)
    .raw(["rev-parse", "-q", "--verify", "refs/remotes/origin/HEAD^{commit}"])
    .catch(() => "");
  return treeBlobs(dir, remote.trim() || "HEAD").catch(() => new Set<string>());
}

/**
 * Collects what history holds: reachable blobs (range-limited), then unreachable ones. The
 * log, the refs and commit graph, and the head tree are read by git processes running at once.
 */
async function history(dir: string, options: GitOptions, onNew: (sha: string) => void) {
  const revs = revisions(options);
  const sets = new RefSets();
  const refs = listRefs(dir);
  const graph = refs.then((r) => commitRefSets(dir, r, sets));
  const headBlobs = headTree(dir);
  graph.catch(() => {});
  const into: History = { blobs: new Map(), submodules: new Map(), onNew };
  await collectBlobs(dir, { revs, headBlobs }, into);
  if (options.unreachable) {
    const tips = (await refs).map((r) => r.commit);
    await collectUnreachable(dir, { headBlobs }, tips, into);
  }
  resolveRefSets(into.blobs.values(), await graph, sets);
  return { into, sets, refs: await refs };
}

/** The provenance of a blob: the JSON `location` of its findings. */
function blobProvenance(b: BlobInfo, refs: RefTip[], sets: RefSets): Provenance {
  return {
    source: "git",
    path: b.path,
    ...(b.commit && { commit: b.commit, author: b.author, date: b.date }),
    refs: sets.members(b.refSet).map((i) => refs[i]!.name),
    atHead: b.atHead === true,
    survives: b.atHead === true ? "head" : b.atHead,
    blob: b.sha,
  };
}

async function* scanRepo(
  dir: string,
  name: string,
  options: GitOptions,
  ctx: SourceContext,
  signal?: AbortSignal,
): AsyncGenerator<Item> {
  if (!(await openRepo(dir, name, ctx))) return;
  // cat-file starts now and reads blobs ahead as the log pass finds them
  const queue = new IdQueue();
  const cat = openCatFile(dir, queue);
  try {
    let found: Awaited<ReturnType<typeof history>>;
    try {
      found = await history(dir, options, (sha) => queue.push(sha));
    } catch (err) {
      ctx.error(name, `could not read the history: ${gitReason(err)}`);
      return;
    }
    queue.close();
    const { into, sets, refs } = found;
    for (const [file, sha] of into.submodules)
      ctx.notice(
        `submodule ${file} (commit ${sha.slice(0, 12)}) not entered: scan its repository separately`,
      );
    const items: BlobItem[] = [];
    for (const b of into.blobs.values())
      items.push({
        sha: b.sha,
        path: b.path,
        label: b.commit ? `${b.commit.slice(0, 12)}:${b.path}` : `blob ${b.sha}`,
        provenance: () => blobProvenance(b, refs, sets),
      });
    yield* blobItems(dir, items, ctx, { signal, objects: cat.objects() });
  } finally {
    queue.close();
    cat.close();
  }
}
