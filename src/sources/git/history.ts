/**
 * Which blobs history holds, and where each first appeared. One `git log --raw` pass, oldest
 * commit first (parents before children, then by date), lists what every commit adds, changes or
 * deletes; the first sighting of a blob gives its introducing commit and path, and the newest
 * change away from it at that path says when it left. Nothing here grows with refs × blobs: refs
 * are resolved later, and only for the commits of findings (see graph.ts).
 */
import { gitLineBatches, gitLines, unquotePath } from "./exec.js";
import type { GraphBuilder } from "./graph.js";

/** A commit of the log pass, shared by the blobs it introduces. */
export interface CommitInfo {
  sha: string;
  author: string;
  date: string;
  /** Only in commits no ref reaches. */
  lost?: boolean;
}

/** The newest change that took a blob away from its path. */
export interface Removal {
  /** The commit that changed or deleted the file. */
  by: CommitInfo;
  /** The parent it was compared with: the last commit that still had this version. */
  parent: string;
  /** The blob that replaced it (undefined: the file was deleted). */
  next?: string;
}

/** Where a version was cut (delta.ts): lines of its window, and where its predecessor's findings still hold. */
export interface Cut {
  base: BlobInfo;
  /** First line of the window: the base's findings above it are the same in this version. */
  top: number;
  /** Line where this version's unchanged tail starts; own findings from it on are left to the base's. */
  tail: number;
  /** The same line in the base: its findings from it on move down by `tail - baseTail`. */
  baseTail: number;
}

/** Where a blob comes from: the oldest commit that introduced it, and when it left its path. */
export interface BlobInfo {
  sha: string;
  path: string;
  commit?: CommitInfo;
  /** Other commits (not merges) that introduce the same blob: another branch, a revert. */
  also?: CommitInfo[];
  removed?: Removal;
  /** Only in commits no ref reaches (or in no commit at all). */
  unreachable?: boolean;
  /** The version it replaced at the same path, until it is read (its content is compared). */
  prev?: BlobInfo;
  /** Set when only its changed lines were matched. */
  cut?: Cut;
}

/** What a history pass collects: blobs in first-seen order, and submodules met (path → commit). */
export interface History {
  blobs: Map<string, BlobInfo>;
  submodules: Map<string, string>;
  /** Told each new blob as soon as it is found (so its content can be read at once). */
  onNew?: (blob: BlobInfo) => void;
  /** Paths not to read (--exclude, .gitignore): a blob counts only once met at another path. */
  skip?: (path: string) => boolean;
}

/** Options of one log pass. */
export interface LogPass {
  /** Revisions for `git log` (e.g. `--all`, `A..B`, `--since=...`); or `--stdin` with `input`. */
  revs: string[];
  input?: string;
  /** When set, only these blobs are recorded, marked unreachable. */
  only?: Set<string>;
  /** When set, every commit is added to it (a pass over every ref reads the whole graph). */
  graph?: GraphBuilder;
  /** Told each commit as it is read (its message is read later). */
  onCommit?: (c: CommitInfo) => void;
  /** Says which commits no ref reaches (all of them when `only` is set). */
  isLost?: (sha: string) => boolean;
}

const FORMAT = "--format=%x01%H%x00%an%x00%aI%x00%P";

/**
 * The log arguments: raw diffs of every commit, oldest first. A merge is compared with its first
 * parent only: a blob new in a merge differs from that parent, so it is seen; a comparison with
 * each parent (-m) would list every change of the other side again (twice the lines on express).
 */
export function logArgs(revs: string[], format = FORMAT): string[] {
  return [
    "log",
    "--date-order",
    "--reverse",
    "--diff-merges=first-parent",
    "--root",
    "--raw",
    "--no-renames",
    "--no-abbrev",
    "--no-ext-diff",
    "--no-color",
    format,
    ...revs,
  ];
}

/** The commit being read. */
interface Current {
  commit?: CommitInfo;
  /** Its first parent: the raw lines that follow compare against it. */
  parent: string;
  merge: boolean;
}

/** True for git's all-zero id (no object). */
export function isZero(sha: string): boolean {
  for (let i = 0; i < sha.length; i++) if (sha.charCodeAt(i) !== 48) return false;
  return true;
}

/** Reads a header line (`\x01sha\0author\0date\0parents`) into `cur`. */
function readHeader(line: string, cur: Current, pass: LogPass): void {
  const [sha = "", author = "", date = "", parents = ""] = line.slice(1).split("\x00");
  cur.commit = pass.only || pass.isLost?.(sha) ? { sha, author, date, lost: true } : { sha, author, date };
  pass.graph?.add(sha, parents ? parents.split(" ") : []);
  pass.onCommit?.(cur.commit);
  const space = parents.indexOf(" ");
  cur.parent = space === -1 ? parents : parents.slice(0, space);
  cur.merge = space !== -1;
}

/** True when the path field of a raw line (from `at`) is `path`, compared without slicing it out. */
function pathIs(line: string, at: number, path: string): boolean {
  return line.length - at === path.length && line.startsWith(path, at);
}

/** Records one raw line (`:mode mode old new status\tpath`) of the current commit. */
function readRaw(line: string, cur: Current, pass: LogPass, into: History): void {
  // fixed fields, found by their spaces; the path is sliced out only for a blob met for the first time
  const s1 = line.indexOf(" ", 1);
  const s2 = line.indexOf(" ", s1 + 1);
  const s3 = line.indexOf(" ", s2 + 1);
  const s4 = line.indexOf(" ", s3 + 1);
  const at = line.indexOf("\t", s4) + 1;
  const quoted = line.charCodeAt(at) === 34;
  const pathOf = () => (quoted ? unquotePath(line.slice(at)) : line.slice(at));
  const sha = line.slice(s3 + 1, s4);
  const commit = cur.commit!;
  const next = line.charCodeAt(s4 + 1) === 68 || isZero(sha) ? undefined : sha; // "D": deleted
  const oldSha = pass.only ? "" : line.slice(s2 + 1, s3);
  let prev: BlobInfo | undefined;
  if (oldSha && oldSha !== sha && !isZero(oldSha)) {
    const gone = into.blobs.get(oldSha);
    if (gone && (quoted ? gone.path === pathOf() : pathIs(line, at, gone.path))) {
      gone.removed = { by: commit, parent: cur.parent, next };
      prev = gone;
    }
  }
  if (!next) return;
  if (line.startsWith("160000", s1 + 1)) {
    const file = pathOf();
    if (!into.submodules.has(file)) into.submodules.set(file, next);
    return;
  }
  if (pass.only && !pass.only.has(next)) return;
  const known = into.blobs.get(next);
  if (known) {
    if (!commit.lost) known.unreachable = undefined;
    // a merge shows what its parents already hold; other commits introduce the blob anew
    if (known.commit !== commit && !cur.merge && known.also?.at(-1) !== commit)
      (known.also ??= []).push(commit);
    return;
  }
  const file = pathOf();
  if (into.skip?.(file)) return;
  const info: BlobInfo = { sha: next, path: file, commit };
  if (commit.lost) info.unreachable = true;
  if (prev) info.prev = prev;
  into.blobs.set(next, info);
  into.onNew?.(info);
}

/** Reads log or diff-tree output (commit headers, raw lines) into `into`, batch by batch. */
export class RawReader {
  private readonly cur: Current = { parent: "", merge: false };
  constructor(
    private readonly pass: LogPass,
    private readonly into: History,
  ) {}

  /** Reads one batch of lines. */
  read(lines: string[]): void {
    for (const line of lines) {
      if (line.charCodeAt(0) === 1) readHeader(line, this.cur, this.pass);
      else if (line.charCodeAt(0) === 58 && this.cur.commit) readRaw(line, this.cur, this.pass, this.into);
    }
  }

  /** The commit whose header was read last. */
  get last(): string | undefined {
    return this.cur.commit?.sha;
  }
}

/** The header of each commit in log and diff-tree output. */
export const HEADER_FORMAT = FORMAT;

/** Runs one log pass and adds what it finds to `into`. */
export async function collectBlobs(dir: string, pass: LogPass, into: History): Promise<void> {
  const reader = new RawReader(pass, into);
  for await (const lines of gitLineBatches(dir, logArgs(pass.revs), { input: pass.input }))
    reader.read(lines);
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
  tips: string[],
  into: History,
  onCommit?: LogPass["onCommit"],
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
    await collectBlobs(dir, { revs: ["--stdin"], input, only: lostBlobs, onCommit }, into);
  }
  for (const sha of lostBlobs) {
    if (!into.blobs.has(sha)) {
      const info: BlobInfo = { sha, path: sha, unreachable: true };
      into.blobs.set(sha, info);
      into.onNew?.(info);
    }
  }
}
