/**
 * Which blobs history holds, and where each first appeared. One `git log --raw` pass, oldest
 * commit first (parents before children, then by date), lists what every commit adds or
 * changes; the first sighting of a blob gives its introducing commit and path, and every later
 * sighting only widens its set of refs. Blob contents are read later, once each.
 */
import { gitLines, unquotePath } from "./exec.js";
import { RefSets } from "./refs.js";

/** Where a blob comes from: the oldest commit that introduced it, and the refs that hold it. */
export interface BlobInfo {
  sha: string;
  path: string;
  commit?: string;
  author?: string;
  date?: string;
  /** Filled in once the commit graph is known (see `resolveRefSets`). */
  refSet: number;
  /** Other commits that introduce the same blob (another branch, a revert). */
  also?: string[];
  atHead: true | "history" | "unreachable";
}

/** What a history pass collects: blobs in first-seen order, and submodules met (path → commit). */
export interface History {
  blobs: Map<string, BlobInfo>;
  submodules: Map<string, string>;
  /** Told each new blob as soon as it is found (so its content can be read ahead). */
  onNew?: (sha: string) => void;
}

/** Options of one log pass. */
export interface LogPass {
  /** Revisions for `git log` (e.g. `--all`, `A..B`, `--since=...`); or `--stdin` with `input`. */
  revs: string[];
  input?: string;
  /** The blobs at the tip of the default branch (resolved while the log runs). */
  headBlobs: Promise<Set<string>>;
  /** When set, only these blobs are recorded, marked unreachable. */
  only?: Set<string>;
}

const ZERO = /^0+$/;
const FORMAT = "--format=%x01%H%x00%an%x00%aI";

/** The log arguments: raw diffs of every commit against each parent, oldest first. */
function logArgs(revs: string[]): string[] {
  return [
    "log",
    "--date-order",
    "--reverse",
    "-m",
    "--root",
    "--raw",
    "--no-renames",
    "--no-abbrev",
    "--no-ext-diff",
    "--no-color",
    FORMAT,
    ...revs,
  ];
}

/** Runs one log pass and adds what it finds to `into`. */
export async function collectBlobs(dir: string, pass: LogPass, into: History): Promise<void> {
  let commit = "";
  let author = "";
  let date = "";
  const fresh: BlobInfo[] = [];
  for await (const line of gitLines(dir, logArgs(pass.revs), { input: pass.input })) {
    if (line.startsWith("\x01")) {
      [commit = "", author = "", date = ""] = line.slice(1).split("\x00");
      continue;
    }
    if (!line.startsWith(":")) continue;
    const tab = line.indexOf("\t");
    const meta = line.slice(1, tab).split(" ");
    const [, mode, , sha, status] = meta;
    if (!sha || ZERO.test(sha) || status === "D") continue;
    const file = unquotePath(line.slice(tab + 1));
    if (mode === "160000") {
      if (!into.submodules.has(file)) into.submodules.set(file, sha);
      continue;
    }
    if (pass.only && !pass.only.has(sha)) continue;
    const known = into.blobs.get(sha);
    if (known) {
      if (known.commit !== commit) (known.also ??= []).push(commit);
      continue;
    }
    const info: BlobInfo = {
      sha,
      path: file,
      commit,
      author,
      date,
      refSet: RefSets.EMPTY,
      atHead: "history",
    };
    if (pass.only) info.atHead = "unreachable";
    else fresh.push(info);
    into.blobs.set(sha, info);
    into.onNew?.(sha);
  }
  const head = await pass.headBlobs;
  for (const b of fresh) if (head.has(b.sha)) b.atHead = true;
}

/** Sets each blob's refs: the union of the ref sets of the commits that introduce it. */
export function resolveRefSets(
  blobs: Iterable<BlobInfo>,
  commitSets: Map<string, number>,
  sets: RefSets,
): void {
  for (const b of blobs) {
    if (!b.commit) continue;
    let s = commitSets.get(b.commit) ?? RefSets.EMPTY;
    for (const c of b.also ?? []) s = sets.union(s, commitSets.get(c) ?? RefSets.EMPTY);
    b.refSet = s;
    b.also = undefined;
  }
}

/** The blobs in the tree of a commit (the tip of the default branch). */
export async function treeBlobs(dir: string, commit: string): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const line of gitLines(dir, ["ls-tree", "-r", "--full-tree", commit])) {
    const m = /^\d+ blob ([0-9a-f]+)\t/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

/** Every object reachable from a ref. */
async function reachableObjects(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  // lines are "<id>" or "<id> <path>"
  for await (const line of gitLines(dir, ["rev-list", "--objects", "--all"])) out.add(line.split(" ", 1)[0]!);
  return out;
}

/**
 * Adds the blobs no ref reaches (a commit dropped by `reset --hard`, an amended one, a blob
 * staged then discarded): those a lost commit introduced get that commit; the rest only an id.
 */
export async function collectUnreachable(
  dir: string,
  pass: Omit<LogPass, "revs" | "only" | "input">,
  tips: string[],
  into: History,
): Promise<void> {
  const reachable = await reachableObjects(dir);
  const lostCommits: string[] = [];
  const lostBlobs = new Set<string>();
  const check = ["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"];
  for await (const line of gitLines(dir, check)) {
    const [sha = "", type] = line.split(" ");
    if (reachable.has(sha)) continue;
    if (type === "commit") lostCommits.push(sha);
    else if (type === "blob") lostBlobs.add(sha);
  }
  if (lostCommits.length) {
    const input = `${[...lostCommits, ...[...new Set(tips)].map((t) => `^${t}`)].join("\n")}\n`;
    await collectBlobs(dir, { ...pass, revs: ["--stdin"], input, only: lostBlobs }, into);
  }
  for (const sha of lostBlobs) {
    if (!into.blobs.has(sha)) {
      into.blobs.set(sha, { sha, path: sha, refSet: RefSets.EMPTY, atHead: "unreachable" });
      into.onNew?.(sha);
    }
  }
}
