/**
 * One history pass, start to end: the log over every ref (or the range), the refs, the head tree
 * and the commit graph, read by git processes running at once; then, with `--unreachable`, the
 * objects no ref reaches. When the log over every ref cannot walk the history (a corrupt commit
 * or tree), every readable commit is read one by one instead (recover.ts).
 */
import type { SourceContext } from "../../types.js";
import type { GitOptions } from "./descriptor.js";
import { gitReason } from "./exec.js";
import { type CommitGraph, GraphBuilder, readGraph } from "./graph.js";
import { type CommitInfo, collectBlobs, collectUnreachable, type History } from "./history.js";
import type { ReadList } from "./items.js";
import type { Refs } from "./places.js";
import { recoverHistory } from "./recover.js";
import { defaultTip, listRefs, type RefTip, type RepoInfo, treeBlobs } from "./repo.js";

/** Where the walk leaves what the fold needs. */
export interface WalkOutput {
  into: History;
  settleGraph(graph: Promise<CommitGraph | undefined>): void;
  settleHead(head: Promise<Refs["head"]>): void;
}

/** The revisions of the log pass: all refs, or the --range, narrowed by --since. */
function revisions({ range, since }: GitOptions): string[] {
  const revs = range ? [range] : ["--all"];
  if (since) revs.unshift(`--since=${since}`);
  return [...revs, "--"];
}

/** The tip of the default branch and the blobs of its tree. */
async function headOf(dir: string, refs: RefTip[], repo: RepoInfo): Promise<Refs["head"]> {
  const tip = defaultTip(refs, repo);
  if (!tip) return { blobs: new Set() };
  return { commit: tip, blobs: await treeBlobs(dir, tip).catch(() => new Set<string>()) };
}

/** Reads what history holds into `out.into`, queueing every item on `list`. */
export async function walkHistory(
  dir: string,
  name: string,
  repo: RepoInfo,
  options: GitOptions,
  ctx: SourceContext,
  list: ReadList,
  out: WalkOutput,
): Promise<void> {
  const revs = revisions(options);
  const refs = listRefs(dir, repo);
  refs.catch(() => {});
  const head = refs.then((r) => headOf(dir, r, repo));
  head.catch(() => {});
  const whole = !options.range && !options.since;
  const builder = whole ? new GraphBuilder() : undefined;
  // a narrowed scan reads the graph beside the log pass; it ends before the walk does, so no git
  // process outlives the scan (a clone's folder is removed after it)
  const narrowGraph = whole
    ? undefined
    : refs.then(
        (r) =>
          readGraph(dir, r).catch((err: unknown) => {
            ctx.error(name, `could not read which refs hold each commit (${gitReason(err)})`);
            return undefined;
          }),
        () => undefined, // the walk reports it
      );
  const onCommit = (c: CommitInfo) => list.commit(c);
  let tips: RefTip[];
  try {
    await collectBlobs(dir, { revs, graph: builder, onCommit }, out.into);
    tips = await refs;
    out.settleHead(head);
    out.settleGraph(narrowGraph ?? Promise.resolve(builder?.build(tips)));
  } catch (err) {
    if (!whole) throw err;
    ctx.error(
      name,
      `git could not walk the history (${gitReason(err)}); every readable commit was read one by one`,
    );
    const found = await recoverHistory(dir, out.into, onCommit, ctx.error);
    tips = found.refs;
    out.settleHead(headOf(dir, tips, repo));
    out.settleGraph(Promise.resolve(found.graph));
  }
  for (const r of tips) list.tag(r);
  await narrowGraph;
  if (options.unreachable)
    await collectUnreachable(
      dir,
      tips.map((r) => r.commit),
      out.into,
      onCommit,
    );
}
