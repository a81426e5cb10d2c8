/**
 * Running the sift's `git cat-file --batch` (sift-check.ts parses its output). Its output comes
 * through a Unix socket read into one reused buffer (net's `onread`), not a child-process pipe:
 * a pipe hands each read over in a new buffer, and a history's hundreds of megabytes of them
 * cost more garbage collection than the test itself. Where no socket can be made (Windows, a
 * temporary folder whose path is too long), the pipe is read as ever.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { KnownTest } from "../../match/known-filter.js";
import { feed, type IdQueue } from "./cat-file.js";
import { gitEnv, withConfig } from "./exec.js";
import { type SiftOut, SiftParser } from "./sift-check.js";

/** What reads git's output: `ours` (read by `onread`) and `theirs`, git's end. */
interface Reader {
  ours: net.Socket;
  theirs: net.Socket;
}

/**
 * A connected pair of Unix sockets, ours read into one buffer; undefined where none can be made.
 * The socket lies in a folder only this user can enter (mkdtemp makes it 0700): no one else
 * can connect in its place and be handed the repository's contents.
 */
async function socketReader(onread: (n: number, buf: Buffer) => void): Promise<Reader | undefined> {
  if (process.platform === "win32") return undefined;
  let dir: string | undefined;
  const server = net.createServer();
  try {
    dir = mkdtempSync(path.join(tmpdir(), "residue-"));
    const at = path.join(dir, "out.sock");
    if (at.length > 100) return undefined; // past the length of a socket's path
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(at, resolve);
    });
    const buffer = Buffer.allocUnsafe(1 << 16);
    // the callback parses each read in place; true: keep reading
    const callback = (n: number, buf: Uint8Array) => {
      onread(n, buf as Buffer);
      return true;
    };
    const ours = net.connect({ path: at, onread: { buffer, callback } });
    const theirs = await new Promise<net.Socket>((resolve, reject) => {
      server.once("connection", resolve);
      ours.once("error", reject);
    });
    ours.on("error", () => {});
    return { ours, theirs };
  } catch {
    return undefined;
  } finally {
    server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Resolves once git's output has ended and git has exited: true when it exited cleanly. */
function finished(child: ChildProcess, ours: NodeJS.EventEmitter): Promise<boolean> {
  const ended = new Promise<void>((resolve) => {
    ours.once("end", resolve);
    ours.once("close", resolve);
  });
  const exit = new Promise<number | null>((resolve) => {
    child.once("close", resolve);
    child.once("error", () => resolve(-1));
  });
  return Promise.all([ended, exit]).then(([, code]) => code === 0);
}

/**
 * Reads and decides the objects of `ids` as they come (in pack order: each pack is read once),
 * or every object, through one `git cat-file --batch`; false when git could not read them all
 * (a corrupt or missing object: the full path then reports it where the log pass meets it).
 */
export async function siftIds(
  dir: string,
  ids: IdQueue | "all",
  test: KnownTest,
  out: SiftOut,
  onGitlink?: () => void,
): Promise<boolean> {
  const parser = new SiftParser(test, out, onGitlink);
  const socket = await socketReader((n, buf) => parser.feed(buf, n));
  const all = ["cat-file", "--batch-all-objects", "--batch", "--unordered"];
  const child = spawn("git", withConfig(ids === "all" ? all : ["cat-file", "--batch", "--buffer"]), {
    cwd: dir,
    env: gitEnv(),
    stdio: [ids === "all" ? "ignore" : "pipe", socket?.theirs ?? "pipe", "ignore"],
  });
  socket?.theirs.destroy(); // git holds its own copy: the output ends when git closes it
  if (child.stdin && ids !== "all") void feed(child.stdin, ids, 0);
  const ours = socket?.ours ?? child.stdout!;
  if (!socket) ours.on("data", (b: Buffer) => parser.feed(b, b.length));
  const clean = await finished(child, ours);
  if (!parser.end()) child.kill();
  return clean && parser.end();
}
