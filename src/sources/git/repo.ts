/**
 * What a history scan asks a repository before reading it: is it one, is it shallow, where is
 * HEAD, which refs exist, which tree is the tip of the default branch. As few git processes as
 * possible: each one forks the whole Node process, which costs more than most of these answers.
 */
import { gitAt, gitLines } from "./exec.js";

/** A ref and the commit it points at (peeled through annotated tags). */
export interface RefTip {
  name: string;
  commit: string;
  /** The annotated tag object the ref points at, if it is one. */
  tag?: string;
}

/** A repository that could be opened. */
export interface RepoInfo {
  shallow: boolean;
  /** The commit HEAD points at (none in an empty repository). */
  head?: string;
  /** The branch HEAD names; undefined when detached or unborn. */
  headRef?: string;
}

/** Opens a repository: its shallowness and HEAD in one git process; a reason when it is not one. */
export async function openRepo(dir: string): Promise<RepoInfo | { reason: string }> {
  const git = gitAt(dir);
  const out = await git
    .raw([
      "rev-parse",
      "--git-dir",
      "--is-shallow-repository",
      "HEAD^{commit}",
      "--symbolic-full-name",
      "HEAD",
    ])
    .catch(() => undefined);
  if (out !== undefined) {
    const [, shallow, head, ref] = out.trim().split("\n");
    return { shallow: shallow === "true", head, headRef: ref?.startsWith("refs/") ? ref : undefined };
  }
  // HEAD does not resolve: an empty repository, or no repository at all
  const bare = await git.raw(["rev-parse", "--git-dir", "--is-shallow-repository"]).catch(() => undefined);
  if (bare === undefined) return { reason: "not a git repository (no .git folder here or above)" };
  return { shallow: bare.trim().endsWith("true") };
}

/** Lists refs pointing (directly or through a tag) at commits, plus HEAD when detached. */
export async function listRefs(dir: string, repo: RepoInfo): Promise<RefTip[]> {
  const out = await gitAt(dir).raw([
    "for-each-ref",
    "--format=%(objectname) %(objecttype) %(*objectname) %(*objecttype) %(refname)",
  ]);
  const refs: RefTip[] = [];
  for (const line of out.split("\n")) {
    const m = /^(\S+) (\S+) (\S*) (\S*) (.+)$/.exec(line);
    if (!m) continue;
    const [, sha, type, peeled, peeledType, name] = m;
    if (type === "commit") refs.push({ name: name!, commit: sha! });
    else if (type === "tag" && peeledType === "commit")
      refs.push({ name: name!, commit: peeled!, tag: sha! });
  }
  if (!repo.headRef && repo.head) refs.push({ name: "HEAD", commit: repo.head });
  return refs;
}

/**
 * The tip of the default branch: the remote's (`origin/HEAD`) when the clone knows it, since a
 * local checkout may sit on a feature branch; else HEAD (a mirror's HEAD is the remote's default).
 */
export function defaultTip(refs: RefTip[], repo: RepoInfo): string | undefined {
  return refs.find((r) => r.name === "refs/remotes/origin/HEAD")?.commit ?? repo.head;
}

/** The blobs in the tree of a commit. */
export async function treeBlobs(dir: string, commit: string): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const line of gitLines(dir, ["ls-tree", "-r", "--full-tree", commit])) {
    const m = /^\d+ blob ([0-9a-f]+)\t/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}
