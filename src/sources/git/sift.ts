/**
 * The known-only fast path of a history scan (no pattern rule runs): every object is read once,
 * in pack order (listed by `git cat-file --batch-all-objects --batch-check --unordered`, then
 * read by `git cat-file --batch`: the cost of the floor), and tested for a possible copy of a
 * manifest secret (sift-check.ts). Only what passes, or what only the full path can judge (an
 * archive, a HAR, an LFS pointer, a message over 1 MiB), is read again where the log pass places
 * it; when nothing passes and no submodule needs naming, the log pass is skipped altogether,
 * once `rev-list --objects` says no object is missing. With three cores or more, a big
 * repository is read in two shares at once, the second by another git process tested in a
 * worker thread (sift-worker.ts). On two cores one reader is faster: the worker's start and
 * the listing cost more CPU than they save, and the other gits of the scan use the second core.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { KnownTest } from "../../match/known-filter.js";
import type { SourceContext } from "../../types.js";
import { IdQueue } from "./cat-file.js";
import { gitEnv, gitLineBatches, withConfig } from "./exec.js";
import { emptySift, type SiftOut } from "./sift-check.js";
import { siftIds } from "./sift-read.js";

/** What reading every object once found. */
export type Sifted = SiftOut;

/** What the worker posts: the sets as lists, or null when its git could not read them all. */
export type Posted = { keep: string[]; seen: string[]; gitlinks: boolean; read: SiftOut["read"] } | null;

/** Counts what the sift read and did not keep on the scan (once its result is used). */
export function countSifted(s: Sifted, ctx: SourceContext): void {
  ctx.count({ items: s.read.items, bytes: s.read.bytes });
  for (let i = 0; i < s.read.binary; i++) ctx.skip("binary");
}

/**
 * Past this many bytes of objects the rest is shared with a worker: it costs about a tenth of a
 * second of CPU to start, which a second core repays past some 16 MB (about 0.1 s of reading).
 */
const SPLIT_BYTES = 16 << 20;
/** The objects go to each reader in turns of this many bytes (contiguous in the pack: a delta's base is near). */
const TURN_BYTES = 4 << 20;
const WORKER = fileURLToPath(new URL("./sift-worker.js", import.meta.url));

/** How the objects are shared: the worker file (absent under vitest: no split), the cores, the byte counts. */
export interface SiftOptions {
  worker?: string;
  cores?: number;
  splitBytes?: number;
  turnBytes?: number;
}

/** A worker reading the ids it is sent; `result` is undefined when it failed. */
function startWorker(file: string, dir: string, test: KnownTest) {
  const w = new Worker(file, { workerData: { dir, manifests: test.manifests } });
  const result = new Promise<Posted | undefined>((resolve) => {
    w.once("message", (m: Posted) => resolve(m));
    w.once("error", () => resolve(undefined));
    w.once("exit", () => resolve(undefined));
  });
  void result.then(() => w.terminate());
  return { result, send: (ids: string[] | null) => w.postMessage(ids), stop: () => void w.terminate() };
}

/** Adds the worker's findings to the main thread's; calls onGitlink as the main thread would have. */
function merge(out: SiftOut, theirs: NonNullable<Posted>, onGitlink?: () => void): void {
  if (theirs.gitlinks && !out.gitlinks && !out.keep.size && !theirs.keep.length) onGitlink?.();
  for (const id of theirs.keep) out.keep.add(id);
  for (const id of theirs.seen) out.seen.add(id);
  out.gitlinks ||= theirs.gitlinks;
  out.read.items += theirs.read.items;
  out.read.bytes += theirs.read.bytes;
  out.read.binary += theirs.read.binary;
}

type Helper = ReturnType<typeof startWorker> | undefined;

/**
 * Lists every object in pack order and hands the ids out as they come: all to `mine` up to
 * `split` bytes, then, when `start` gives a worker, turn by turn to it and to `mine`.
 */
async function share(dir: string, mine: IdQueue, opts: SiftOptions, start: () => Helper): Promise<Helper> {
  const split = opts.splitBytes ?? SPLIT_BYTES;
  const turns = opts.turnBytes ?? TURN_BYTES;
  const args = [
    "cat-file",
    "--batch-all-objects",
    "--batch-check=%(objectname) %(objectsize)",
    "--unordered",
  ];
  let helper: Helper;
  let bytes = 0;
  let turn = 0;
  let theirs = false;
  for await (const batch of gitLineBatches(dir, args)) {
    const sent: string[] = [];
    for (const line of batch) {
      const space = line.indexOf(" ");
      const size = Number(line.slice(space + 1));
      if (helper && turn >= turns) [theirs, turn] = [!theirs, 0];
      if (theirs) sent.push(line.slice(0, space));
      else mine.push(line.slice(0, space));
      turn += size;
      bytes += size;
      if (!helper && bytes >= split) helper = start();
    }
    if (sent.length) helper?.send(sent);
  }
  return helper;
}

/**
 * Reads every object of `dir` once; undefined when git could not read them all (a corrupt
 * object: the full path then reports it where the log pass meets it). `onGitlink` is called
 * when a submodule entry is met while nothing is kept yet (submodules can be named meanwhile).
 */
export async function sift(
  dir: string,
  test: KnownTest,
  onGitlink?: () => void,
  opts: SiftOptions = {},
): Promise<Sifted | undefined> {
  const file = opts.worker ?? WORKER;
  const out = emptySift();
  // on two cores the gits beside this one (rev-list, the submodule log) already use the second
  if ((opts.cores ?? availableParallelism()) < 3 || !test.manifests || !existsSync(file))
    return (await siftIds(dir, "all", test, out, onGitlink)) ? out : undefined;
  const mine = new IdQueue();
  const reading = siftIds(dir, mine, test, out, onGitlink);
  let helper: Helper;
  const start = () => (helper = startWorker(file, dir, test));
  const listed = await share(dir, mine, opts, start).then(
    () => true,
    () => false,
  );
  mine.close();
  helper?.send(null);
  if (!listed || !(await reading)) {
    helper?.stop();
    return undefined;
  }
  const theirs = helper && (await helper.result);
  if (helper && !theirs) return undefined;
  if (theirs) merge(out, theirs, onGitlink);
  return out;
}

/** A check under way: `done` says whether it passed; `stop` ends it (it then did not pass). */
export interface Check {
  done: Promise<boolean>;
  stop(): void;
}

/**
 * Whether every object the refs reach is in the repository (none missing, none unreadable).
 * Quiet, rev-list prints only the missing objects (`?id`): nothing to read when none is.
 */
export function complete(dir: string): Check {
  // --missing=print: no fetch in a partial clone, and a missing object is named, not fatal
  const args = ["rev-list", "--objects", "--all", "--missing=print", "--quiet"];
  const child = spawn("git", withConfig(args), {
    cwd: dir,
    env: gitEnv(),
    stdio: ["ignore", "pipe", "ignore"],
  });
  let failed = false;
  const stop = () => {
    failed = true;
    child.kill();
  };
  child.stdout.on("data", stop);
  const done = new Promise<boolean>((resolve) => {
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0 && !failed));
  });
  return { done, stop };
}
