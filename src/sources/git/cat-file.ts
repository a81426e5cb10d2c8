/**
 * Object contents through ONE long-lived `git cat-file --batch` (not a process per blob): the
 * ids are written to its input while its output is parsed, header first (which gives the size),
 * so a huge blob is streamed in pieces and never held whole. A missing object is reported as
 * such; a corrupt one makes git die, and the reader restarts it after that object.
 */
import { spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { ByteReader, ReadAhead } from "./bytes.js";
import { gitEnv, gitReason, withConfig } from "./exec.js";

export { CatFileStopped } from "./bytes.js";

/**
 * One answer of cat-file: a small object read whole (up to WHOLE_MAX bytes), a bigger one
 * streamed (read or abandon `body` before asking for the next object), or a failure.
 */
export type BatchObject = { sha: string; index: number } & (
  | { kind: "small"; type: string; size: number; bytes: Buffer }
  | { kind: "object"; type: string; size: number; body: AsyncIterable<Uint8Array> }
  | { kind: "missing" }
  | { kind: "failed"; reason: string }
);

/** Objects up to this size may be read in one piece (one chunk of text: see text.ts). */
export const WHOLE_MAX = 1 << 20;

/**
 * The ids to read, all known at once or discovered over time: a history scan feeds cat-file
 * while its log pass still runs, so reading overlaps the walk (bounded by the read-ahead).
 */
export class IdQueue {
  readonly ids: string[];
  private closed: boolean;
  private waiters: (() => void)[] = [];
  constructor(ids: string[] = [], closed = false) {
    this.ids = ids;
    this.closed = closed;
  }

  private scheduled = false;

  /** Adds an id; waiters hear of it once the current batch of pushes is done (one write per batch). */
  push(id: string): void {
    this.ids.push(id);
    if (this.scheduled || !this.waiters.length) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.notify();
    });
  }

  /** Says no more ids will come. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Resolves once there are more than `n` ids, or the queue is closed. */
  async wait(n: number): Promise<void> {
    while (this.ids.length <= n && !this.closed) await new Promise<void>((r) => this.waiters.push(r));
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** Writes ids to cat-file's input as they come, with back-pressure; stops quietly if git exits. */
export async function feed(stdin: Writable, queue: IdQueue, from: number): Promise<void> {
  stdin.on("error", () => {});
  for (let i = from; !stdin.destroyed; ) {
    await queue.wait(i);
    if (i >= queue.ids.length) break; // closed, all written
    const end = Math.min(queue.ids.length, i + 512);
    const ok = stdin.write(`${queue.ids.slice(i, end).join("\n")}\n`);
    i = end;
    if (!ok)
      await new Promise<void>((resolve) => {
        // both listeners go once either fires: a long feed would pile up "close" listeners
        const done = () => {
          stdin.off("drain", done);
          stdin.off("close", done);
          resolve();
        };
        stdin.once("drain", done);
        stdin.once("close", done);
      });
  }
  stdin.end();
}

function start(cwd: string, queue: IdQueue, from: number, keepIndex: boolean) {
  const child = spawn("git", withConfig(["cat-file", "--batch", "--buffer"]), {
    cwd,
    env: gitEnv(keepIndex),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  child.on("error", (err) => {
    stderr ||= err.message;
  });
  void feed(child.stdin, queue, from);
  const reader = new ByteReader(new ReadAhead(child.stdout));
  return { child, reader, stderr: () => stderr };
}

/** A cat-file reader started at once (so it can read ahead), whose objects come in queue order. */
export interface CatFile {
  objects(): AsyncGenerator<BatchObject>;
  close(): void;
}

/**
 * Starts `git cat-file --batch` on the ids of `queue` (which may still grow). `objects()` streams
 * them in order; a git that dies on a corrupt object is restarted after it.
 */
export function openCatFile(cwd: string, queue: IdQueue, opts: { keepIndex?: boolean } = {}): CatFile {
  const keep = opts.keepIndex ?? false;
  let proc = start(cwd, queue, 0, keep);
  return {
    async *objects() {
      let i = 0;
      try {
        for (;;) {
          i = yield* readAll(proc, queue, i);
          await queue.wait(i);
          if (i >= queue.ids.length) return;
          proc.child.kill();
          proc = start(cwd, queue, i, keep);
        }
      } finally {
        proc.child.kill();
      }
    },
    close: () => void proc.child.kill(),
  };
}

/** Streams the objects named by `ids`, in order (see openCatFile). */
export function catFileObjects(
  cwd: string,
  ids: string[],
  opts: { keepIndex?: boolean } = {},
): AsyncGenerator<BatchObject> {
  return openCatFile(cwd, new IdQueue(ids, true), opts).objects();
}

/** Reads answers until the end or until git dies; returns the index to restart from. */
async function* readAll(
  proc: ReturnType<typeof start>,
  queue: IdQueue,
  i: number,
): AsyncGenerator<BatchObject, number> {
  for (; ; i++) {
    if (i >= queue.ids.length) await queue.wait(i);
    if (i >= queue.ids.length) return i;
    const sha = queue.ids[i]!;
    const reader = proc.reader;
    const header = reader.lineNow() ?? (await reader.line());
    if (header === null) {
      await new Promise((r) => setImmediate(r)); // let stderr arrive
      yield { sha, index: i, kind: "failed", reason: gitReason(proc.stderr()) || "git cat-file stopped" };
      return i + 1;
    }
    const parts = header.split(" ");
    if (parts.length !== 3) {
      if (parts[1] === "missing") yield { sha, index: i, kind: "missing" };
      else yield { sha, index: i, kind: "failed", reason: header };
      continue;
    }
    const size = Number(parts[2]);
    if (size <= WHOLE_MAX) {
      // most objects: read whole without a promise when already in memory (per-object cost)
      let bytes: Buffer;
      try {
        bytes = reader.exactNow(size + 1) ?? (await reader.exact(size + 1));
      } catch {
        yield { sha, index: i, kind: "failed", reason: gitReason(proc.stderr()) || "object truncated" };
        return i + 1;
      }
      yield { sha, index: i, kind: "small", type: parts[1]!, size, bytes: bytes.subarray(0, size) };
      continue;
    }
    let left = size + 1; // the body and its trailing newline
    const body = (async function* () {
      for await (const piece of reader.take(size)) {
        left -= piece.length;
        yield piece;
      }
    })();
    yield { sha, index: i, kind: "object", type: parts[1]!, size, body };
    try {
      await body.return(undefined);
      for await (const piece of reader.take(left)) left -= piece.length;
    } catch {
      yield { sha, index: i, kind: "failed", reason: gitReason(proc.stderr()) || "object truncated" };
      return i + 1;
    }
  }
}
