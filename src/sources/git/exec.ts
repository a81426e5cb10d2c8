/**
 * Running git: simple-git for the small repository queries (rev-parse, refs, trees), plain
 * child processes only where output must stream (log, diff, cat-file), because simple-git
 * buffers a command's whole output and a full-history log of a big repository does not fit.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { type SimpleGit, simpleGit } from "simple-git";

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
  const line =
    text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => /^(fatal|error):/.test(l)) ??
    text.split("\n").find((l) => l.trim()) ??
    text;
  return line.replace(/^(fatal|error):\s*/, "").trim();
}

/**
 * Streams the lines of a git command's output; throws with git's message when it fails.
 * `input`, when given, is written to git's standard input.
 */
export async function* gitLines(
  cwd: string,
  args: string[],
  opts: { input?: string; keepIndex?: boolean } = {},
): AsyncGenerator<string> {
  const child = spawn("git", withConfig(args), {
    cwd,
    env: gitEnv(opts.keepIndex),
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
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }))
      yield line;
    const code = await exited;
    done = true;
    if (code !== 0) throw new Error(stderr || `git ${args[0]} exited with status ${code}`);
  } finally {
    if (!done) child.kill();
  }
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
