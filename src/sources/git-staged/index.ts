/**
 * The `git-staged:PATH` source (the pre-commit hook): the blobs the index adds or changes against
 * HEAD (everything staged when there is no commit yet), read from the index itself, so what is
 * scanned is exactly what would be committed and lines are numbered as in the staged file.
 * Chunks carry `patternLines` (the added lines) so pattern rules do not block a commit for an
 * old secret elsewhere in the file; `--full-files` drops that limit. Known-secret matching
 * always covers the whole blob.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Item, Source, SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { type BlobItem, blobItems } from "../git/blobs.js";
import { IdQueue, openCatFile } from "../git/cat-file.js";
import { gitLines, gitReason, unquotePath } from "../git/exec.js";

/** A staged file: its index blob and the lines the change adds. */
export interface StagedFile {
  path: string;
  sha: string;
  added: Set<number>;
}

/** Parses one `git diff --raw -p -U0` output: the staged blobs, then the added lines of each. */
export async function parseStagedDiff(lines: AsyncIterable<string>): Promise<StagedDiff> {
  const byPath = new Map<string, StagedFile>();
  const submodules: string[] = [];
  let current: Set<number> | undefined;
  for await (const line of lines) {
    if (line.startsWith(":")) {
      const tab = line.indexOf("\t");
      const [, mode, , sha, status] = line.slice(1, tab).split(" ");
      const file = unquotePath(line.slice(tab + 1));
      if (status === "D" || !sha || /^0+$/.test(sha)) continue;
      if (mode === "160000") submodules.push(file);
      else byPath.set(file, { path: file, sha, added: new Set() });
    } else if (line.startsWith("+++ ")) {
      const p = line.slice(4).replace(/\t$/, ""); // git ends a name holding a space with a tab
      current = p === "/dev/null" ? undefined : byPath.get(unquotePath(p.replace(/^("?)b\//, "$1")))?.added;
    } else if (current && line.startsWith("@@ ")) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      const start = Number(m?.[1] ?? 0);
      const count = m?.[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return { files: [...byPath.values()], submodules };
}

/** Staged files and submodules. */
export interface StagedDiff {
  files: StagedFile[];
  submodules: string[];
}

/**
 * Lists staged files (added, modified, type-changed) with their index blobs and added lines, in
 * one git process: against HEAD, or against the empty tree when there is no commit yet (git's
 * own behaviour for `diff --cached` on an unborn branch).
 */
export function stagedFiles(dir: string): Promise<StagedDiff> {
  const args = ["diff", "--cached", "--raw", "-p", "-U0", "--no-abbrev", "--no-renames", "--no-ext-diff"];
  args.push("--no-color", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "--");
  return parseStagedDiff(gitLines(dir, args, { keepIndex: true }));
}

/**
 * The work tree's top folder. A hook runs at the top, where `.git` is: that folder is the answer
 * without a git process (start-up time is what a pre-commit hook is judged by; ambient GIT_*
 * variables are dropped for git, so nothing else can move the top). Elsewhere, git says.
 */
export async function topLevel(dir: string): Promise<string> {
  if (await stat(path.join(dir, ".git")).catch(() => undefined)) return path.resolve(dir);
  let top = "";
  for await (const line of gitLines(dir, ["rev-parse", "--show-toplevel"], { keepIndex: true })) top ||= line;
  return top.trim();
}

/** The `git-staged:` source. */
export function gitStagedSource(
  target: Target,
  options: { fullFiles?: boolean },
  ctx: SourceContext,
): Source {
  // git runs in the resolved folder; paths are shown as they open from the folder as given
  const where = target.path ?? ".";
  const given = target.spec || ".";
  return {
    async *items(signal?: AbortSignal): AsyncGenerator<Item> {
      let top: string;
      let staged: StagedDiff;
      if (!(await stat(where).catch(() => undefined))?.isDirectory()) {
        ctx.error(given, "no such folder");
        return;
      }
      // git processes at once: start-up time is what a pre-commit hook is judged by
      const queue = new IdQueue();
      const cat = openCatFile(where, queue, { keepIndex: true });
      try {
        try {
          const topFolder = topLevel(where);
          const diff = stagedFiles(where);
          diff.catch(() => {});
          top = await topFolder;
          staged = await diff;
        } catch (err) {
          const reason = gitReason(err);
          if (/does not exist|ENOENT/i.test(reason)) ctx.error(given, "no such folder");
          else ctx.error(given, /not a git repository/i.test(reason) ? "not a git repository" : reason);
          return;
        }
        for (const s of staged.submodules)
          ctx.notice(`submodule ${s} is staged; not entered (scan it separately)`);
        // paths as they open from where the target was given
        const shown = path.relative(path.resolve(where), top);
        const items: BlobItem[] = staged.files.map((f) => ({
          sha: f.sha,
          path: f.path,
          label: f.path,
          provenance: () => ({ source: "git-staged", path: path.join(given, shown, f.path) }),
          patch: options.fullFiles ? undefined : (c) => ({ ...c, patternLines: f.added }),
        }));
        for (const f of staged.files) queue.push(f.sha);
        queue.close();
        yield* blobItems(top, items, ctx, { keepIndex: true, signal, objects: cat.objects() });
      } finally {
        queue.close();
        cat.close();
      }
    },
  };
}
