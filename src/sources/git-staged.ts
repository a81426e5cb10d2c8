/**
 * The `git-staged:PATH` source (the pre-commit hook): the blobs the index adds or changes against
 * HEAD (everything staged when there is no commit yet), read from the index itself, so what is
 * scanned is exactly what would be committed and lines are numbered as in the staged file.
 * Chunks carry `patternLines` (the added lines) so pattern rules do not block a commit for an
 * old secret elsewhere in the file; `--full-files` drops that limit. Known-secret matching
 * always covers the whole blob.
 */
import path from "node:path";
import type { Chunk, Source, SourceContext } from "../types.js";
import { type BlobItem, blobItemsChunks } from "./git-blobs.js";
import { gitAt, gitLines, gitReason, unquotePath } from "./git-exec.js";

/** A staged file: its index blob and the lines the change adds. */
export interface StagedFile {
  path: string;
  sha: string;
  added: Set<number>;
}

/** Parses `git diff -U0` output into added line numbers per file (new-side paths). */
export async function addedLines(lines: AsyncIterable<string>): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for await (const line of lines) {
    if (line.startsWith("+++ ")) {
      const p = line.slice(4).replace(/\t$/, ""); // git ends a name holding a space with a tab
      const file = p === "/dev/null" ? undefined : unquotePath(p.replace(/^"?b\//, (m) => m.slice(0, -2)));
      current = file === undefined ? undefined : new Set();
      if (file !== undefined) out.set(file, current!);
      continue;
    }
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m && current) {
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return out;
}

/** Lists staged files (added, modified, type-changed) with their index blobs and added lines. */
export async function stagedFiles(
  dir: string,
  ctx: SourceContext,
): Promise<{ files: StagedFile[]; submodules: string[] }> {
  const git = gitAt(dir, true);
  const hasHead = await git
    .raw(["rev-parse", "-q", "--verify", "HEAD^{commit}"])
    .then((s) => s.trim() !== "")
    .catch(() => false);
  const base = hasHead ? ["HEAD"] : [];
  const common = ["diff", "--cached", "--no-renames", "--no-ext-diff", "--no-color", "--no-textconv"];
  const raw = await git.raw([...common, "--raw", "--no-abbrev", "-z", ...base, "--"]);
  const fields = raw.split("\0");
  const files: StagedFile[] = [];
  const submodules: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, mode, , sha, status] = fields[i]!.slice(1).split(" ");
    const file = fields[i + 1]!;
    if (status === "D" || !sha || /^0+$/.test(sha)) continue;
    if (mode === "160000") submodules.push(file);
    else files.push({ path: file, sha, added: new Set() });
  }
  if (!ctx.options.fullFiles && files.length) {
    const added = await addedLines(
      gitLines(dir, [...common, "-U0", "--src-prefix=a/", "--dst-prefix=b/", ...base, "--"], {
        keepIndex: true,
      }),
    );
    for (const f of files) f.added = added.get(f.path) ?? new Set();
  }
  return { files, submodules };
}

/** The `git-staged:` source. Option: fullFiles (ctx.options). */
export function gitStagedSource(spec: string, ctx: SourceContext): Source {
  const where = spec || ".";
  return {
    id: `git-staged:${where}`,
    async *chunks(signal?: AbortSignal): AsyncGenerator<Chunk> {
      let top: string;
      let staged: Awaited<ReturnType<typeof stagedFiles>>;
      try {
        top = (await gitAt(where, true).raw(["rev-parse", "--show-toplevel"])).trim();
        staged = await stagedFiles(top, ctx);
      } catch (err) {
        const reason = gitReason(err);
        if (/does not exist|ENOENT/i.test(reason)) ctx.error(where, "no such folder");
        else ctx.error(where, /not a git repository/i.test(reason) ? "not a git repository" : reason);
        return;
      }
      for (const s of staged.submodules)
        ctx.notice(`submodule ${s} is staged; not entered (scan it separately)`);
      // paths as they open from where the target was given
      const shown = path.relative(path.resolve(where), top);
      const items: BlobItem[] = staged.files.map((f) => ({
        sha: f.sha,
        label: f.path,
        provenance: () => ({ source: "git-staged", path: path.join(where, shown, f.path) }),
        patch: ctx.options.fullFiles ? undefined : (c) => ({ ...c, patternLines: f.added }),
      }));
      yield* blobItemsChunks(top, items, ctx, { keepIndex: true, signal });
    },
  };
}
