/**
 * Object contents through ONE long-lived `git cat-file --batch` (not a process per blob): the
 * ids are written to its input while its output is parsed, header first (which gives the size),
 * so a huge blob is streamed in pieces and never held whole. A missing object is reported as
 * such; a corrupt one makes git die, and the reader restarts it after that object.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { ByteReader, ReadAhead } from "./git-bytes.js";
import { gitEnv, gitReason, withConfig } from "./git-exec.js";

export { CatFileStopped } from "./git-bytes.js";

/** One answer of cat-file: an object whose body must be read (or is skipped), or a failure. */
export type BatchObject = { sha: string; index: number } & (
  | {
      kind: "object";
      type: string;
      size: number;
      body: AsyncIterable<Uint8Array>;
      /** The whole body in one buffer; only for small objects (size ≤ WHOLE_MAX), else null. */
      whole: () => Promise<Buffer | null>;
    }
  | { kind: "missing" }
  | { kind: "failed"; reason: string }
);

/** Objects up to this size may be read in one piece (one chunk of text: see text.ts). */
export const WHOLE_MAX = 1 << 20;

/** Writes ids to cat-file's input with back-pressure; stops quietly if git exits. */
async function feed(child: ChildProcessWithoutNullStreams, ids: string[]): Promise<void> {
  child.stdin.on("error", () => {});
  for (let i = 0; i < ids.length && !child.stdin.destroyed; i += 512) {
    const ok = child.stdin.write(`${ids.slice(i, i + 512).join("\n")}\n`);
    if (!ok)
      await new Promise<void>((resolve) => {
        child.stdin.once("drain", resolve);
        child.stdin.once("close", resolve);
      });
  }
  child.stdin.end();
}

function start(cwd: string, ids: string[], keepIndex: boolean) {
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
  void feed(child, ids);
  const reader = new ByteReader(new ReadAhead(child.stdout));
  return { child, reader, stderr: () => stderr };
}

/**
 * Streams the objects named by `ids`, in order. Each object's body must be read or abandoned
 * before asking for the next one (the rest of an abandoned body is skipped).
 */
export async function* catFileObjects(
  cwd: string,
  ids: string[],
  opts: { keepIndex?: boolean } = {},
): AsyncGenerator<BatchObject> {
  let i = 0;
  while (i < ids.length) {
    const proc = start(cwd, ids.slice(i), opts.keepIndex ?? false);
    try {
      i = yield* readAll(proc, ids, i);
    } finally {
      proc.child.kill();
    }
  }
}

/** Reads answers until the end or until git dies; returns the index to restart from. */
async function* readAll(
  proc: ReturnType<typeof start>,
  ids: string[],
  i: number,
): AsyncGenerator<BatchObject, number> {
  for (; i < ids.length; i++) {
    const sha = ids[i]!;
    const header = await proc.reader.line();
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
    let left = size + 1; // the body and its trailing newline
    const reader = proc.reader;
    const body = (async function* () {
      for await (const piece of reader.take(size)) {
        left -= piece.length;
        yield piece;
      }
    })();
    const whole = async () => {
      if (size > WHOLE_MAX || left !== size + 1) return null;
      const b = await reader.exact(size);
      left -= size;
      return b;
    };
    yield { sha, index: i, kind: "object", type: parts[1]!, size, body, whole };
    try {
      await body.return(undefined);
      for await (const piece of reader.take(left)) left -= piece.length;
    } catch {
      yield { sha, index: i, kind: "failed", reason: gitReason(proc.stderr()) || "object truncated" };
      return i + 1;
    }
  }
  return i;
}
