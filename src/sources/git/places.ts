/**
 * The final shape of a history finding, once every version is known: for a file, the commit that
 * introduced the copy, the last commit that still had it, the refs whose history holds it and
 * whether it survives at the tip; for a commit or tag message, the refs that hold that commit.
 */
import { locatorUri } from "../../locator.js";
import type { Finding, ProvenanceOf } from "../../types.js";
import type { CommitGraph } from "./graph.js";
import type { BlobInfo } from "./history.js";
import type { RefTip } from "./repo.js";

/** One version of a file holding the copy: the JSON `location.versions` entries. */
export interface Version {
  commit?: string;
  blob: string;
  line: number;
  column: number;
}

/** The copies of one secret at one path, one per version of the file. */
export interface FileGroup {
  path: string;
  first: Finding;
  blobs: BlobInfo[];
  versions: Version[];
}

/** Answers about refs, asked for the commits of findings only. */
export interface Refs {
  /** The refs whose history holds a commit. */
  of(commit: string): RefTip[];
  graph?: CommitGraph;
  /** The tip of the default branch and the blobs of its tree. */
  head: { commit?: string; blobs: Set<string> };
}

/** The commits a group needs refs for: each version's introducing commits, and the one that removed it. */
export function commitsOf(b: BlobInfo): string[] {
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
function lastCommit(g: FileGroup, refs: Refs): string | undefined {
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

/** One finding for the copies of a secret in every version of a file. */
export function fileFinding(id: string, g: FileGroup, refs: Refs): Finding {
  const f = g.first;
  const intro = g.blobs[0]!;
  const atHead = g.blobs.some((b) => refs.head.blobs.has(b.sha));
  const survives = atHead ? "head" : g.blobs.every((b) => b.unreachable) ? "unreachable" : "history";
  const names = [...new Set(g.blobs.flatMap((b) => held(b, refs).map((r) => r.name)))].sort();
  const last = atHead ? refs.head.commit : lastCommit(g, refs);
  const provenance: ProvenanceOf<"git"> = {
    // what the content layer added inside the blob (an archive member, a HAR entry and field)
    ...(f.provenance as ProvenanceOf<"git">),
    source: "git",
    ...(intro.commit && { commit: intro.commit.sha, author: intro.commit.author, date: intro.commit.date }),
    refs: names,
    atHead,
    survives,
    versionCount: g.versions.length,
    ...(last && { lastCommit: last }),
    versions: g.versions,
    blob: intro.sha,
  };
  return { ...f, id, provenance, uri: locatorUri(provenance, f) };
}

/** A copy in a commit message (refs: those that hold the commit) or a tag message (the tag). */
export function messageFinding(id: string, f: Finding, refs: Refs): Finding {
  const p = f.provenance as ProvenanceOf<"git">;
  const commit = typeof p.commit === "string" ? p.commit : undefined;
  const names =
    p.field === "tag"
      ? [String(p.tag)]
      : [...new Set((commit ? refs.of(commit) : []).map((r) => r.name))].sort();
  const provenance: ProvenanceOf<"git"> = {
    ...p,
    refs: names,
    atHead: false,
    survives: p.survives === "unreachable" ? "unreachable" : "history",
  };
  const where = p.field === "tag" ? String(p.tag) : commit;
  return { ...f, id, provenance, uri: `${where}:${p.field}:${f.line}` };
}
