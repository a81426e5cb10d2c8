import { createHash } from "node:crypto";
/** Temporary git repositories for the git tests, built with simple-git; dates are fixed. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type SimpleGit, simpleGit } from "simple-git";
import { afterEach } from "vitest";
import { type ScanOptions, scan } from "../src/scan.js";
import { gitEnv } from "../src/sources/git/exec.js";
import type { Chunk, Finding, SourceContext } from "../src/types.js";
import { literalMatcher } from "./helpers/literal-matcher.js";

/** A fictional secret body: obviously fake, unique per seed. */
export function fakeSecret(seed: string): string {
  // the body differs per seed, so one fake secret never holds a partial copy of another
  return `residuetest_${createHash("sha256").update(seed).digest("base64url").slice(0, 28)}`;
}

/** A temp repo with helpers to write files and commit at increasing fixed dates. */
export interface TempRepo {
  dir: string;
  git: SimpleGit;
  write(file: string, text: string): Promise<void>;
  /** Stages everything and commits; returns the commit id. */
  commit(message: string): Promise<string>;
  remove(): Promise<void>;
}

/** Creates an empty repository with a local identity and `main` as default branch. */
export async function tempRepo(): Promise<TempRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), "residue-gittest-"));
  const base = simpleGit({ baseDir: dir });
  await base.init(["--initial-branch=main", "--quiet"]);
  await base.addConfig("user.name", "Test Author").addConfig("user.email", "author@example.invalid");
  await base.addConfig("commit.gpgsign", "false");
  let tick = 0;
  const repo: TempRepo = {
    dir,
    git: base,
    async write(file, text) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    },
    async commit(message) {
      const date = new Date(Date.UTC(2024, 0, 1) + ++tick * 3600_000).toISOString();
      const git = simpleGit({
        baseDir: dir,
        allowEnvironment: ["GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE", "GIT_TERMINAL_PROMPT"],
      }).env({ ...gitEnv(), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
      await git.add(["-A"]);
      await git.commit(message, undefined, { "--allow-empty": null });
      return (await git.revparse(["HEAD"])).trim();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  return repo;
}

/** A source context that records errors, notices and counts. */
export function testContext(options: Record<string, unknown> = {}) {
  const errors: { item: string; reason: string }[] = [];
  const notices: string[] = [];
  const counts = { items: 0, bytes: 0, skipped: 0 };
  const ctx: SourceContext = {
    target: "test",
    options,
    env: process.env,
    error: (item, reason) => void errors.push({ item, reason }),
    notice: (m) => void notices.push(m),
    cursor: () => ({ advance() {} }),
    count(d) {
      counts.items += d.items ?? 0;
      counts.bytes += d.bytes ?? 0;
    },
    skip: () => void counts.skipped++,
    readBinary: false,
  };
  return { ctx, errors, notices, counts };
}

/** Collects every chunk of a source. */
export async function collect(chunks: AsyncIterable<Chunk>): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

/** Temp repositories for one test file, removed after each test: `const repo = useTempRepos();`. */
export function useTempRepos(): () => Promise<TempRepo> {
  const repos: TempRepo[] = [];
  afterEach(async () => {
    await Promise.all(repos.splice(0).map((r) => r.remove()));
  });
  return async () => {
    const r = await tempRepo();
    repos.push(r);
    return r;
  };
}

/** Scans a git target through scan() (inline matching) for literal secrets; returns its findings and run. */
export async function scanGit(
  target: string,
  secrets: Record<string, string>,
  options: Partial<ScanOptions> = {},
) {
  const run = scan({ workers: 0, targets: [target], matcher: literalMatcher(secrets), ...options });
  const found: Finding[] = [];
  for await (const f of run) found.push(f);
  return { found, run };
}
