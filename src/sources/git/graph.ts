/**
 * Which refs hold which commits, asked only for the commits of findings. The commit graph is
 * kept as flat integer arrays, parents before children (the full log pass gives it for free;
 * otherwise `rev-list --parents` reads it); a question about K commits is answered with one pass
 * that pushes a K-bit mark from each commit to its descendants. Memory is one small record per
 * commit plus K bits per commit for the length of one question, never refs × blobs.
 */
import { gitLineBatches } from "./exec.js";
import type { RefTip } from "./repo.js";

/** Marks pushed per pass: 32 words of 32 bits per commit. */
const BATCH = 1024;

/** Builds a graph from commits given parents first. */
export class GraphBuilder {
  private readonly index = new Map<string, number>();
  private readonly from: number[] = [0];
  private readonly parents: number[] = [];

  /** Adds a commit; its parents must have been added before (a shallow cut-off parent is skipped). */
  add(sha: string, parents: string[]): void {
    if (this.index.has(sha)) return;
    this.index.set(sha, this.index.size);
    for (const p of parents) {
      const i = this.index.get(p);
      if (i !== undefined) this.parents.push(i);
    }
    this.from.push(this.parents.length);
  }

  /** The graph, with the refs whose history it answers for. */
  build(refs: RefTip[]): CommitGraph {
    return new CommitGraph(this.index, Int32Array.from(this.from), Int32Array.from(this.parents), refs);
  }
}

/** Reads the graph of every commit the refs reach. */
export async function readGraph(dir: string, refs: RefTip[]): Promise<CommitGraph> {
  const builder = new GraphBuilder();
  const tips = [...new Set(refs.map((r) => r.commit))];
  if (tips.length) {
    const args = ["rev-list", "--topo-order", "--reverse", "--parents", "--stdin"];
    for await (const lines of gitLineBatches(dir, args, { input: `${tips.join("\n")}\n` }))
      for (const line of lines) {
        const ids = line.split(" ");
        builder.add(ids[0]!, ids.slice(1));
      }
  }
  return builder.build(refs);
}

/** The commits reachable from the refs, parents before children, as indices. */
export class CommitGraph {
  constructor(
    private readonly index: Map<string, number>,
    /** Parents of commit i: parentIds[from[i] .. from[i + 1]). */
    private readonly from: Int32Array,
    private readonly parentIds: Int32Array,
    private readonly refs: RefTip[],
  ) {}

  /** The position of a commit in parents-first order (later is newer), or -1. */
  order(commit: string): number {
    return this.index.get(commit) ?? -1;
  }

  /** For each commit asked about, the refs whose history holds it. */
  refsHolding(commits: Iterable<string>): Map<string, RefTip[]> {
    const out = new Map<string, RefTip[]>();
    const asked = [...new Set(commits)];
    const known = asked.filter((c) => this.index.has(c));
    for (let i = 0; i < known.length; i += BATCH) this.mark(known.slice(i, i + BATCH), out);
    for (const c of asked) if (!out.has(c)) out.set(c, []);
    return out;
  }

  /** One pass for up to BATCH commits: marks flow from each to its descendants, then tips are read. */
  private mark(batch: string[], out: Map<string, RefTip[]>): void {
    const words = (batch.length + 31) >>> 5;
    const n = this.index.size;
    const marks = new Uint32Array(n * words);
    const own = new Map<number, number>();
    batch.forEach((c, bit) => {
      own.set(this.index.get(c)!, bit);
    });
    for (let i = 0; i < n; i++) {
      const at = i * words;
      for (let k = this.from[i]!; k < this.from[i + 1]!; k++) {
        const p = this.parentIds[k]! * words;
        for (let w = 0; w < words; w++) marks[at + w]! |= marks[p + w]!;
      }
      const bit = own.get(i);
      if (bit !== undefined) marks[at + (bit >>> 5)]! |= 1 << (bit & 31);
    }
    for (const c of batch) out.set(c, []);
    for (const ref of this.refs) {
      const tip = this.index.get(ref.commit);
      if (tip === undefined) continue;
      for (let bit = 0; bit < batch.length; bit++)
        if (marks[tip * words + (bit >>> 5)]! & (1 << (bit & 31))) out.get(batch[bit]!)!.push(ref);
    }
  }
}
