/**
 * Running git: simple-git for the small repository queries (rev-parse, refs, trees), plain
 * child processes only where output must stream (log, diff, cat-file), because simple-git
 * buffers a command's whole output and a full-history log of a big repository does not fit.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import type { SimpleGit } from "simple-git";

// simple-git (and the CommonJS modules it pulls in) loads on first use: the pre-commit hook
// streams its git output and never needs it, and loading it cost a tenth of the hook's start-up
const requireCjs = createRequire(import.meta.url);
let simpleGit: typeof import("simple-git").simpleGit | undefined;

/** Config given to every git command: raw paths (no octal quoting), no colour. */
export const GIT_CONFIG = ["core.quotePath=false", "color.ui=false"];

/** Variables that name programs for git to run; simple-git refuses them, and a scan needs none. */
const PROGRAM_VARS = new Set(["EDITOR", "VISUAL", "PAGER", "PREFIX", "SSH_ASKPASS"]);

/**
 * The environment for git: ambient GIT_* variables are dropped (a hook's GIT_DIR must not
 * redirect a scan of another repository) except GIT_INDEX_FILE when `keepIndex` (the index a
 * pre-commit hook is committing), made absolute so it survives a change of folder.
 */
export function gitEnv(keepIndex = false): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    const key = k.toUpperCase();
    if (v !== undefined && !key.startsWith("GIT_") && !PROGRAM_VARS.has(key)) env[k] = v;
  }
  const index = process.env.GIT_INDEX_FILE;
  if (keepIndex && index) env.GIT_INDEX_FILE = path.resolve(index);
  env.GIT_TERMINAL_PROMPT = "0";
  return env;
}

/** A simple-git instance on a folder, with the same config and environment rules. */
export function gitAt(dir: string, keepIndex = false): SimpleGit {
  simpleGit ??= (requireCjs("simple-git") as typeof import("simple-git")).simpleGit;
  const git = simpleGit({
    baseDir: dir,
    config: GIT_CONFIG,
    allowEnvironment: ["GIT_INDEX_FILE", "GIT_TERMINAL_PROMPT"],
  });
  return git.env(gitEnv(keepIndex));
}

/** Arguments with the shared config in front. */
export function withConfig(args: string[]): string[] {
  return [...GIT_CONFIG.flatMap((c) => ["-c", c]), ...args];
}

/** The first line of a git error, without the "fatal: " prefix: a reason a person can read. */
export function gitReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split("\n").map((l) => l.trim());
  // git's last word (fatal) says what stopped it; the error lines before it are details
  const line =
    lines.find((l) => l.startsWith("fatal:")) ??
    lines.find((l) => l.startsWith("error:")) ??
    lines.find((l) => l) ??
    text;
  return line.replace(/^(fatal|error):\s*/, "").trim();
}

/** Splits a stream of buffers into lines, a batch per buffer (a `for await` per line costs more than the line). */
async function* lineBatches(stream: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  let rest: Buffer | undefined;
  for await (const data of stream) {
    const buf = rest ? Buffer.concat([rest, data]) : data;
    const lines: string[] = [];
    let at = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, at)) {
      lines.push(buf.toString("utf8", at, nl > at && buf[nl - 1] === 13 ? nl - 1 : nl));
      at = nl + 1;
    }
    rest = at < buf.length ? buf.subarray(at) : undefined;
    if (lines.length) yield lines;
  }
  if (rest?.length) yield [rest.toString("utf8")];
}

/**
 * Streams the lines of a git command's output in batches; throws with git's message when it
 * fails. `input`, when given, is written to git's standard input.
 */
export async function* gitLineBatches(
  cwd: string,
  args: string[],
  opts: { input?: string; keepIndex?: boolean } = {},
): AsyncGenerator<string[]> {
  const child = spawn("git", withConfig(args), {
    cwd,
    // GIT_FLUSH=0: git fills its buffer instead of flushing each commit into the pipe (a tenth
    // of the reads, half the CPU of reading a log)
    env: { ...gitEnv(opts.keepIndex), GIT_FLUSH: "0" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  exited.catch(() => {});
  child.stdin.on("error", () => {}); // git may exit before reading everything
  child.stdin.end(opts.input ?? "");
  let done = false;
  try {
    yield* lineBatches(child.stdout);
    const code = await exited;
    done = true;
    if (code !== 0) throw new Error(stderr || `git ${args[0]} exited with status ${code}`);
  } finally {
    if (!done) child.kill();
  }
}

/** Streams the lines of a git command's output, one by one (see gitLineBatches). */
export async function* gitLines(
  cwd: string,
  args: string[],
  opts: { input?: string; keepIndex?: boolean } = {},
): AsyncGenerator<string> {
  for await (const batch of gitLineBatches(cwd, args, opts)) yield* batch;
}

/** Undoes git's C-style quoting of a path ("a\tb" with escapes, octal bytes). */
export function unquotePath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const bytes: number[] = [];
  const esc: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
  const body = Buffer.from(p.slice(1, -1), "utf8");
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== 92) {
      bytes.push(body[i]!);
      continue;
    }
    const c = String.fromCharCode(body[++i]!);
    if (/[0-7]/.test(c)) {
      bytes.push(Number.parseInt(body.subarray(i, i + 3).toString(), 8));
      i += 2;
    } else bytes.push(esc[c] ?? c.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}
