/**
 * Submodules named without the blob pass (sift.ts found a tree with one): the same log as
 * history.ts, same order, so each path is named with the same commit, but its output is searched
 * as bytes for a new mode of 160000; only those lines are decoded, never the rest of the log.
 */
import { spawn } from "node:child_process";
import type { SourceContext } from "../../types.js";
import { gitEnv, gitReason, unquotePath, withConfig } from "./exec.js";
import { isZero, logArgs } from "./history.js";

const MODE = Buffer.from(" 160000 ");

/** Records a raw line (`:mode mode old new status\tpath`) that adds or changes a submodule. */
function record(line: string, into: Map<string, string>): void {
  const tab = line.indexOf("\t");
  if (line.charCodeAt(0) !== 58 || tab === -1) return;
  const [, mode, , sha = "", status = ""] = line.slice(0, tab).split(" ");
  if (mode !== "160000" || status.startsWith("D") || isZero(sha)) return;
  const file = unquotePath(line.slice(tab + 1));
  if (!into.has(file)) into.set(file, sha);
}

/** Finds the raw lines holding the mode in `buf` (whole lines only). */
function search(buf: Buffer, into: Map<string, string>): void {
  for (let at = buf.indexOf(MODE); at !== -1; at = buf.indexOf(MODE, at + 1)) {
    const start = buf.lastIndexOf(10, at) + 1;
    const end = buf.indexOf(10, at);
    record(buf.toString("utf8", start, end === -1 ? buf.length : end), into);
    if (end === -1) return;
    at = end;
  }
}

/**
 * Adds the new blob id of each raw line in `buf` (`:mode mode old new status\tpath`, whole lines)
 * to `into`, bytes sliced at the spaces, no line decoded (a gitlink's id names a commit: left out).
 */
function blobIds(buf: Buffer, into: string[]): void {
  for (let at = 0; at < buf.length; ) {
    const end = buf.indexOf(10, at);
    const stop = end === -1 ? buf.length : end;
    if (buf[at] === 58) {
      const mode = buf.indexOf(32, at);
      const old = buf.indexOf(32, mode + 1);
      const sha = buf.indexOf(32, old + 1) + 1;
      const next = buf.indexOf(32, sha);
      if (sha > 0 && next !== -1 && next < stop && buf.compare(MODE, 1, 7, mode + 1, old) !== 0) {
        const id = buf.toString("latin1", sha, next);
        if (!isZero(id)) into.push(id);
      }
    }
    at = stop + 1;
  }
}

/** What the submodule log found: each submodule path and its first commit; with `blobs`, every blob id it named. */
export interface Submodules {
  paths: Map<string, string>;
  blobs: string[];
}

/**
 * Every submodule path of the history and the first commit it pointed at (path → commit); with
 * `blobs`, also every blob id the log names (what the full path would read: none may be missing).
 */
export async function submodulesOf(dir: string, revs: string[], blobs = false): Promise<Submodules> {
  const child = spawn("git", withConfig(logArgs(revs, "--format=")), {
    cwd: dir,
    env: { ...gitEnv(), GIT_FLUSH: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on("close", resolve);
    child.on("error", reject);
  });
  const into: Submodules = { paths: new Map(), blobs: [] };
  let rest = Buffer.alloc(0);
  for await (const piece of child.stdout as AsyncIterable<Buffer>) {
    const buf = rest.length ? Buffer.concat([rest, piece]) : piece;
    const last = buf.lastIndexOf(10);
    search(buf.subarray(0, last + 1), into.paths);
    if (blobs) blobIds(buf.subarray(0, last + 1), into.blobs);
    rest = Buffer.from(buf.subarray(last + 1));
  }
  search(rest, into.paths);
  if (blobs) blobIds(rest, into.blobs);
  if ((await exit) !== 0) throw new Error(gitReason(stderr) || "git log failed");
  return into;
}

/** One notice per submodule met: its content is another repository. */
export function noticeSubmodules(submodules: Map<string, string>, ctx: SourceContext): void {
  for (const [file, sha] of submodules)
    ctx.notice(`submodule ${file} (commit ${sha.slice(0, 12)}) not entered: scan its repository separately`);
}
