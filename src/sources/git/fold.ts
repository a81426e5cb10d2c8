/**
 * One finding per secret per place in history. Every blob is matched once, but a file edited
 * fifty times holds the same secret in fifty blobs: those copies are folded into one finding at
 * that path (the k-th copy of a secret in one version joins the k-th copy in the others), which
 * names the commit that introduced it, every version that holds it, the last commit that still
 * had it, the refs whose history holds it and whether it survives at the tip. Refs are resolved
 * here, for the commits of findings only. Memory is bounded by the number of findings.
 */
import { locatorUri } from "../../findings.js";
import { keyedHash } from "../../fingerprint.js";
import type { Finding, FindingFolder, Provenance } from "../../types.js";
import type { CommitGraph } from "./graph.js";
import type { BlobInfo } from "./history.js";
import type { RefTip } from "./repo.js";

/** What the fold needs from the history pass; all known once the blobs are read. */
export interface FoldInput {
  /** The key of finding ids (the scan's fingerprint key). */
  key: string;
  blobs: Map<string, BlobInfo>;
  graph: Promise<CommitGraph | undefined>;
  /** The tip of the default branch and the blobs of its tree. */
  head: Promise<{ commit?: string; blobs: Set<string> }>;
}

/** One version of a file holding the copy: the JSON `location.versions` entries. */
export interface Version {
  commit?: string;
  blob: string;
  line: number;
  column: number;
}

interface Group {
  path: string;
  first: Finding;
  blobs: BlobInfo[];
  versions: Version[];
}

/** Answers about refs, for the commits of findings only. */
interface Refs {
  /** The refs whose history holds a commit. */
  of(commit: string): RefTip[];
  graph?: CommitGraph;
}

/** The commits whose refs a group needs: each version's introducing commits, and the one that removed it. */
function commitsOf(b: BlobInfo): string[] {
  const out = b.commit ? [b.commit.sha, ...(b.also ?? []).map((c) => c.sha)] : [];
  if (b.removed) out.push(b.removed.by.sha);
  return out;
}

/** The refs whose history holds a blob (the refs of the commits that introduce it). */
function held(b: BlobInfo, refs: Refs): RefTip[] {
  const out = new Set<RefTip>();
  if (b.commit) for (const r of refs.of(b.commit.sha)) out.add(r);
  for (const c of b.also ?? []) for (const r of refs.of(c.sha)) out.add(r);
  return [...out];
}

/**
 * The last commit that still had the copy: the newest of the commits just before one that took
 * a version away (without bringing another that holds it), and of the tips of the refs that hold
 * a version but not the commit that took it away.
 */
function lastCommit(g: Group, refs: Refs): string | undefined {
  const shas = new Set(g.blobs.map((b) => b.sha));
  const candidates: string[] = [];
  for (const b of g.blobs) {
    const removed = b.removed;
    const gone = new Set(removed ? refs.of(removed.by.sha) : []);
    for (const r of held(b, refs)) if (!gone.has(r)) candidates.push(r.commit);
    if (removed && (!removed.next || !shas.has(removed.next))) candidates.push(removed.parent);
  }
  const order = (c: string) => refs.graph?.order(c) ?? -1;
  let best: string | undefined;
  for (const c of candidates) if (!best || order(c) > order(best)) best = c;
  return best ?? g.versions.at(-1)?.commit;
}

/** Folds a git source's per-blob findings into one per secret per path. */
export function historyFolder(input: FoldInput): FindingFolder {
  const groups = new Map<string, Group>();
  const passThrough: Finding[] = [];
  const ordinals = new Map<string, number>();
  return {
    add(f) {
      const sha = f.provenance.blob;
      const info = typeof sha === "string" ? input.blobs.get(sha) : undefined;
      if (!info) {
        passThrough.push(f);
        return;
      }
      const what = [f.secretKey, f.form, f.ruleId ?? "", f.match].join("\u0000");
      const n = (ordinals.get(`${info.sha}\u0000${what}`) ?? 0) + 1;
      ordinals.set(`${info.sha}\u0000${what}`, n);
      const key = `${info.path}\u0000${what}\u0000${n}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { path: info.path, first: f, blobs: [], versions: [] }));
      g.blobs.push(info);
      g.versions.push({
        ...(info.commit && { commit: info.commit.sha }),
        blob: info.sha,
        line: f.line,
        column: f.column,
      });
    },
    async *done() {
      yield* passThrough;
      if (!groups.size) return;
      const [graph, head] = await Promise.all([input.graph, input.head]);
      const asked = [...groups.values()].flatMap((g) => g.blobs.flatMap(commitsOf));
      const refsOf = graph?.refsHolding(asked) ?? new Map<string, RefTip[]>();
      const refs: Refs = { of: (c) => refsOf.get(c) ?? [], graph };
      for (const [key, g] of groups) yield folded(input.key, key, g, refs, head);
    },
  };
}

function folded(
  idKey: string,
  groupKey: string,
  g: Group,
  refs: Refs,
  head: { commit?: string; blobs: Set<string> },
): Finding {
  const f = g.first;
  const intro = g.blobs[0]!;
  const atHead = g.blobs.some((b) => head.blobs.has(b.sha));
  const survives = atHead ? "head" : g.blobs.every((b) => b.unreachable) ? "unreachable" : "history";
  const names = [...new Set(g.blobs.flatMap((b) => held(b, refs).map((r) => r.name)))].sort();
  const last = atHead ? head.commit : lastCommit(g, refs);
  const provenance: Provenance = {
    source: "git",
    path: g.path,
    ...(intro.commit && { commit: intro.commit.sha, author: intro.commit.author, date: intro.commit.date }),
    refs: names,
    atHead,
    survives,
    versionCount: g.versions.length,
    ...(last && { lastCommit: last }),
    versions: g.versions,
    blob: intro.sha,
  };
  return {
    ...f,
    id: keyedHash(idKey, "git-history", groupKey),
    provenance,
    uri: locatorUri(provenance, f),
  };
}
