/**
 * One finding per secret per place in history. Every blob is matched once, but a file edited
 * fifty times holds the same secret in fifty blobs: those copies are folded into one finding at
 * that path (the k-th copy of a secret in one version joins the k-th copy in the others). A
 * commit or tag message is a place of its own. Refs are resolved here, once every item is read,
 * for the commits of findings only. Memory is bounded by the number of findings.
 */
import { keyedHash } from "../../fingerprint.js";
import type { Finding, FindingFolder } from "../../types.js";
import type { CommitGraph } from "./graph.js";
import type { BlobInfo } from "./history.js";
import { versionFindings } from "./inherit.js";
import { commitsOf, type FileGroup, fileFinding, messageFinding, type Refs } from "./places.js";
import type { RefTip } from "./repo.js";

/** What the fold needs from the history pass; all known once the items are read. */
export interface FoldInput {
  /** The key of finding ids (the scan's fingerprint key). */
  key: string;
  blobs: Map<string, BlobInfo>;
  graph: Promise<CommitGraph | undefined>;
  /** The tip of the default branch and the blobs of its tree. */
  head: Promise<Refs["head"]>;
}

/** Folds a git source's per-item findings into one per secret per place. */
export function historyFolder(input: FoldInput): FindingFolder {
  const files = new Map<string, FileGroup>();
  const messages = new Map<string, Finding>();
  const passThrough: Finding[] = [];
  const ordinals = new Map<string, number>();
  /** The k-th copy of the same secret (same form, rule and match) in one item. */
  const ordinal = (item: string, f: Finding) => {
    const what = [f.secretKey, f.form, f.ruleId ?? "", f.match].join("\u0000");
    const n = (ordinals.get(`${item}\u0000${what}`) ?? 0) + 1;
    ordinals.set(`${item}\u0000${what}`, n);
    return `${what}\u0000${n}`;
  };
  /** Files' findings by blob, in the order they come; grouped once every blob is known. */
  const byBlob = new Map<string, Finding[]>();
  const group = (info: BlobInfo, f: Finding) => {
    const p = f.provenance;
    // a place inside the blob (archive member, HAR entry) is a place of its own
    const inner = [p.member, p.entry, p.field].map((v) => String(v ?? "")).join("\u0000");
    const key = `${info.path}\u0000${inner}\u0000${ordinal(info.sha, f)}`;
    let g = files.get(key);
    if (!g) files.set(key, (g = { path: info.path, first: f, blobs: [], versions: [] }));
    g.blobs.push(info);
    g.versions.push({
      ...(info.commit && { commit: info.commit.sha }),
      blob: info.sha,
      line: f.line,
      column: f.column,
    });
  };
  return {
    add(f) {
      const p = f.provenance;
      const info = typeof p.blob === "string" ? input.blobs.get(p.blob) : undefined;
      if (info) {
        const list = byBlob.get(info.sha);
        if (list) list.push(f);
        else byBlob.set(info.sha, [f]);
      } else if (p.field === "message" || p.field === "tag") {
        const item = `${p.field}\u0000${String(p.tag ?? p.commit)}`;
        messages.set(`${item}\u0000${ordinal(item, f)}`, f);
      } else passThrough.push(f);
    },
    async *done() {
      yield* passThrough;
      for (const [info, found] of versionFindings(input.blobs, byBlob)) for (const f of found) group(info, f);
      if (!files.size && !messages.size) return;
      const [graph, head] = await Promise.all([input.graph, input.head]);
      const asked = [...files.values()].flatMap((g) => g.blobs.flatMap(commitsOf));
      for (const f of messages.values())
        if (typeof f.provenance.commit === "string") asked.push(f.provenance.commit);
      const refsOf = graph?.refsHolding(asked) ?? new Map<string, RefTip[]>();
      const refs: Refs = { of: (c) => refsOf.get(c) ?? [], graph, head };
      const id = (key: string) => keyedHash(input.key, "git-history", key);
      for (const [key, g] of files) yield fileFinding(id(key), g, refs);
      for (const [key, f] of messages) yield messageFinding(id(key), f, refs);
    },
  };
}
