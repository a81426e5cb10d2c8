/**
 * When `git log` cannot walk the history, every readable commit is read instead. The log stops
 * at the first commit or tree it cannot read, so a corrupt HEAD would lose the whole repository
 * (its other refs, the stash and notes too). This pass asks git about one object at a time: the
 * object database's list (which names a corrupt object as missing and goes on), each commit and
 * tag through the restarting cat-file reader, then each commit's own changes against its first
 * parent through `git diff-tree --stdin`, restarted after one that fails; a commit whose parent
 * cannot be read is listed whole. A corrupt object loses only the items that need it, and each
 * loss is an error item. Commits no readable ref reaches still count as history, marked unreachable.
 */
import { catFileObjects } from "./cat-file.js";
import { gitLineBatches, gitLines, gitReason } from "./exec.js";
import { type CommitGraph, GraphBuilder } from "./graph.js";
import { type CommitInfo, HEADER_FORMAT, type History, RawReader } from "./history.js";
import { headersOf, personOf } from "./messages.js";
import type { RefTip } from "./repo.js";

/** A commit read from its object. */
interface Parsed {
  info: CommitInfo;
  parents: string[];
  time: number;
}

/** What the recovery found: the refs that could be read, and the graph of readable commits. */
export interface Recovered {
  refs: RefTip[];
  graph: CommitGraph;
}

type Report = (item: string, reason: string) => void;

/** Every object id by type; the ones git cannot read apart. */
async function objectList(dir: string) {
  const out = { commits: [] as string[], tags: [] as string[], bad: new Set<string>() };
  const args = ["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"];
  try {
    for await (const lines of gitLineBatches(dir, args))
      for (const line of lines) {
        const [sha = "", type] = line.split(" ");
        if (type === "commit") out.commits.push(sha);
        else if (type === "tag") out.tags.push(sha);
        else if (type === "missing") out.bad.add(sha);
      }
  } catch {
    // git complains about what it cannot read but lists it as missing: the list is complete
  }
  return out;
}

/** Reads commit and tag objects: commits parsed, tags as the object they point at. */
async function readObjects(dir: string, ids: string[], bad: Set<string>) {
  const commits = new Map<string, Parsed>();
  const tags = new Map<string, string>();
  for await (const obj of catFileObjects(dir, ids)) {
    if (obj.kind !== "small") {
      if (obj.kind !== "object") bad.add(obj.sha);
      continue;
    }
    const h = headersOf(obj.bytes);
    if (obj.type === "tag") tags.set(obj.sha, h.get("object")?.[0] ?? "");
    if (obj.type !== "commit") continue;
    const author = personOf(h.get("author")?.[0]);
    const time = Number(/ (\d+) [+-]\d{4}$/.exec(h.get("committer")?.[0] ?? "")?.[1] ?? 0);
    commits.set(obj.sha, {
      info: { sha: obj.sha, author: author.name, date: author.date },
      parents: h.get("parent") ?? [],
      time,
    });
  }
  return { commits, tags };
}

/** The refs whose commit can be read (through annotated tags); the others are error items. */
async function readableRefs(
  dir: string,
  commits: Map<string, Parsed>,
  tags: Map<string, string>,
  report: Report,
  named: Set<string>,
) {
  const out: RefTip[] = [];
  for await (const line of gitLines(dir, ["for-each-ref", "--format=%(objectname) %(refname)"])) {
    const space = line.indexOf(" ");
    const [sha, name] = [line.slice(0, space), line.slice(space + 1)];
    let at = sha;
    for (let depth = 0; depth < 10 && tags.has(at); depth++) at = tags.get(at)!;
    if (commits.has(at)) out.push({ name, commit: at, ...(at !== sha && { tag: sha }) });
    else if (!tags.has(at)) {
      named.add(at);
      report(
        name,
        `points at ${at}, which git cannot read (corrupt or missing): only the commits that can be read were scanned`,
      );
    }
  }
  return out;
}

/** Commit ids, parents before children, older first where the graph leaves a choice. */
function parentsFirst(commits: Map<string, Parsed>): string[] {
  const done = new Set<string>();
  const out: string[] = [];
  for (const c of [...commits.values()].sort((a, b) => a.time - b.time)) {
    const stack = [c.info.sha];
    while (stack.length) {
      const top = stack.at(-1)!;
      const pending = done.has(top)
        ? []
        : commits.get(top)!.parents.filter((p) => commits.has(p) && !done.has(p));
      if (pending.length) stack.push(...pending);
      else {
        stack.pop();
        if (!done.has(top)) out.push(top);
        done.add(top);
      }
    }
  }
  return out;
}

/** The commits the refs reach through readable commits. */
function reachable(refs: RefTip[], commits: Map<string, Parsed>): Set<string> {
  const seen = new Set<string>();
  const stack = refs.map((r) => r.commit);
  while (stack.length) {
    const c = stack.pop()!;
    if (seen.has(c) || !commits.has(c)) continue;
    seen.add(c);
    stack.push(...commits.get(c)!.parents);
  }
  return seen;
}

/** Each commit's changes against its first parent; returns the commits git could not compare. */
async function diffEach(dir: string, inputs: string[], reader: () => RawReader): Promise<string[]> {
  const failed: string[] = [];
  const args = ["diff-tree", "--stdin", "--always", "-r", "--root", "--raw", "--no-renames", "--no-abbrev"];
  for (let from = 0; from < inputs.length; ) {
    const batch = inputs.slice(from);
    const r = reader();
    try {
      const input = `${batch.join("\n")}\n`;
      for await (const lines of gitLineBatches(dir, [...args, HEADER_FORMAT], { input })) r.read(lines);
      break;
    } catch {
      // the commit after the last one git printed is the one it could not read
      const done = r.last ? batch.findIndex((l) => l.startsWith(r.last!)) + 1 : 0;
      failed.push(batch[done]!.split(" ")[0]!);
      from += done + 1;
    }
  }
  return failed;
}

/** A commit compared with nothing: every blob of its tree is new in it. */
async function listWhole(dir: string, c: Parsed, reader: RawReader, report: Report): Promise<void> {
  const lines = [`\x01${c.info.sha}\x00${c.info.author}\x00${c.info.date}\x00`];
  try {
    for await (const line of gitLines(dir, ["ls-tree", "-r", "--full-tree", c.info.sha])) {
      const m = /^(\d+) (?:blob|commit) ([0-9a-f]+)\t(.*)$/.exec(line);
      if (m) lines.push(`:000000 ${m[1]} ${"0".repeat(m[2]!.length)} ${m[2]} A\t${m[3]}`);
    }
  } catch (err) {
    report(`commit ${c.info.sha}`, `its files could not be read: ${gitReason(err)}`);
  }
  reader.read(lines);
}

/** Reads every readable commit of the repository into `into` (see the module comment). */
export async function recoverHistory(
  dir: string,
  into: History,
  onCommit: (c: CommitInfo) => void,
  report: Report,
): Promise<Recovered> {
  const objects = await objectList(dir);
  const { commits, tags } = await readObjects(dir, [...objects.commits, ...objects.tags], objects.bad);
  const named = new Set<string>();
  const refs = await readableRefs(dir, commits, tags, report, named);
  const order = parentsFirst(commits);
  const builder = new GraphBuilder();
  for (const sha of order) builder.add(sha, commits.get(sha)!.parents);
  const reached = reachable(refs, commits);
  for (const sha of order) {
    const info = commits.get(sha)!.info;
    if (!reached.has(sha)) info.lost = true;
    onCommit(info);
  }
  const pass = { revs: [], isLost: (sha: string) => !reached.has(sha) };
  const inputs: string[] = [];
  const whole: string[] = [];
  for (const sha of order) {
    const first = commits.get(sha)!.parents[0];
    if (!first) inputs.push(sha);
    else if (commits.has(first)) inputs.push(`${sha} ${first}`);
    else whole.push(sha);
  }
  whole.push(...(await diffEach(dir, inputs, () => new RawReader(pass, into))));
  for (const sha of whole) await listWhole(dir, commits.get(sha)!, new RawReader(pass, into), report);
  for (const sha of objects.bad)
    if (!into.blobs.has(sha) && !named.has(sha))
      report(
        `object ${sha}`,
        "corrupt or missing: git cannot read it, so what only it holds was not scanned",
      );
  return { refs, graph: builder.build(refs) };
}
