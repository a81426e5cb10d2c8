/**
 * Which refs hold which commits. One pass over the commit graph children-first (`rev-list
 * --topo-order`) pushes each commit's ref set to its parents; sets are interned, so the memory
 * is one small integer per commit plus the few distinct sets a repository really has.
 */
import { gitAt, gitLines } from "./exec.js";

/** A ref and the commit it points at (peeled through annotated tags). */
export interface RefTip {
  name: string;
  commit: string;
}

/** Lists refs pointing (directly or through a tag) at commits, plus HEAD when detached. */
export async function listRefs(dir: string): Promise<RefTip[]> {
  const git = gitAt(dir);
  const [out, symbolic, sha] = await Promise.all([
    git.raw([
      "for-each-ref",
      "--format=%(objectname) %(objecttype) %(*objectname) %(*objecttype) %(refname)",
    ]),
    git.raw(["symbolic-ref", "-q", "HEAD"]).catch(() => ""),
    git.raw(["rev-parse", "-q", "--verify", "HEAD^{commit}"]).catch(() => ""),
  ]);
  const refs: RefTip[] = [];
  for (const line of out.split("\n")) {
    const m = /^(\S+) (\S+) (\S*) (\S*) (.+)$/.exec(line);
    if (!m) continue;
    const [, sha, type, peeled, peeledType, name] = m;
    if (type === "commit") refs.push({ name: name!, commit: sha! });
    else if (type === "tag" && peeledType === "commit") refs.push({ name: name!, commit: peeled! });
  }
  if (!symbolic.trim() && sha.trim()) refs.push({ name: "HEAD", commit: sha.trim() });
  return refs;
}

/** Interned sets of ref indices, with cached unions. */
export class RefSets {
  private readonly sets: number[][] = [[]];
  private readonly ids = new Map<string, number>([["", 0]]);
  private readonly unions = new Map<string, number>();
  static readonly EMPTY = 0;

  /** The id of a set given as sorted ref indices. */
  intern(sorted: number[]): number {
    const key = sorted.join(",");
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(sorted);
      this.ids.set(key, id);
    }
    return id;
  }

  /** The id of the union of two sets. */
  union(a: number, b: number): number {
    if (a === b || b === 0) return a;
    if (a === 0) return b;
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    let id = this.unions.get(key);
    if (id === undefined) {
      id = this.intern([...new Set([...this.sets[a]!, ...this.sets[b]!])].sort((x, y) => x - y));
      this.unions.set(key, id);
    }
    return id;
  }

  /** The ref indices of a set. */
  members(id: number): readonly number[] {
    return this.sets[id]!;
  }
}

/** For every commit reachable from a ref, the interned set of refs whose history holds it. */
export async function commitRefSets(
  dir: string,
  refs: RefTip[],
  sets: RefSets,
): Promise<Map<string, number>> {
  const own = new Map<string, number[]>();
  refs.forEach((r, i) => {
    own.set(r.commit, [...(own.get(r.commit) ?? []), i]);
  });
  const of = new Map<string, number>();
  if (!refs.length) return of;
  const tips = [...new Set(refs.map((r) => r.commit))].join("\n");
  for await (const line of gitLines(dir, ["rev-list", "--topo-order", "--parents", "--stdin"], {
    input: `${tips}\n`,
  })) {
    const ids = line.split(" ");
    const c = ids[0]!;
    let s = of.get(c) ?? RefSets.EMPTY;
    const mine = own.get(c);
    if (mine) s = sets.union(s, sets.intern(mine));
    of.set(c, s);
    for (let k = 1; k < ids.length; k++) of.set(ids[k]!, sets.union(of.get(ids[k]!) ?? RefSets.EMPTY, s));
  }
  return of;
}
