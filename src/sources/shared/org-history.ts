/**
 * The history half of the organization sources (`github:ORG`, `gitlab:GROUP`): each repository
 * is cloned into a temporary bare mirror and read by the `git:` source itself (its descriptor's
 * `create`, so history scanning stays in one place), its items renamed after the repository and
 * its findings folded by that repository's own fold, then given the host's links. A few
 * repositories are read at once (mergeBounded); every mirror is removed as soon as its history was
 * read, and the whole temporary folder at the end, also on an error or an abort.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { reasonOf } from "../../errors.js";
import { fingerprintKey, keyedHash } from "../../fingerprint.js";
import type { Finding, FindingFolder, Item, Provenance, SourceContext } from "../../types.js";
import { type GitOptions, gitDescriptor } from "../git/descriptor.js";
import { mergeBounded } from "./merge.js";
import { cloneMirror, type MirrorSpec } from "./mirror.js";

/** One hosted repository as an organization source lists it. */
export interface HostedRepo {
  /** `org/repo`, `group/sub/project`. */
  name: string;
  /** Its web page (`https://github.com/org/repo`): links are built on it. */
  web: string;
  clone: MirrorSpec;
}

/** Links a person opens, on a repository's web page. */
export interface HostLinks {
  blob(web: string, commit: string, file: string, line: number): string;
  commit(web: string, sha: string): string;
  tag(web: string, tag: string): string;
}

/** How one organization source reads histories. */
export interface OrgHistory {
  prefix: string;
  /** The location key that names the repository (`repo`, `project`). */
  key: "repo" | "project";
  links: HostLinks;
  git: GitOptions;
  concurrency: number;
  ctx: SourceContext;
}

/** The options of an organization source: the history options it passes on, and its concurrency. */
export type OrgOptions = Pick<GitOptions, "unreachable" | "exclude" | "noIgnore"> & {
  repoConcurrency?: number;
};

/** The history options of an organization source's options. */
export function gitOptionsOf(o: OrgOptions): GitOptions {
  return { unreachable: o.unreachable, exclude: o.exclude, noIgnore: o.noIgnore };
}

/** A context that remembers whether any item failed (then a read has no resume point). */
export function watchErrors(ctx: SourceContext): SourceContext & { failed: boolean } {
  const out = Object.create(ctx) as SourceContext & { failed: boolean };
  out.failed = false;
  out.error = (item, reason) => {
    out.failed = true;
    ctx.error(item, reason);
  };
  return out;
}

/** Routes each finding to the fold of its repository, then gives it the host's id and link. */
export class RepoFolds implements FindingFolder {
  private readonly folds = new Map<string, { repo: HostedRepo; folder: FindingFolder }>();
  private readonly plain: Finding[] = [];
  constructor(private readonly h: OrgHistory) {}

  /** The fold of one repository's history. */
  register(repo: HostedRepo, folder: FindingFolder): void {
    this.folds.set(repo.name, { repo, folder });
  }

  add(f: Finding): void {
    const p = f.provenance as Record<string, unknown>;
    const name = p[this.h.key];
    const fold = typeof name === "string" ? this.folds.get(name) : undefined;
    // findings in issues and merge requests are final as they are; history's go to its fold
    if (fold && p.issue === undefined && p.mergeRequest === undefined) fold.folder.add(f);
    else this.plain.push(f);
  }

  async *done(): AsyncGenerator<Finding> {
    yield* this.plain;
    const key = fingerprintKey(this.h.ctx.env);
    for (const [name, { repo, folder }] of this.folds) {
      this.folds.delete(name);
      for await (const f of folder.done()) yield this.finish(f, repo, key);
    }
  }

  /** A folded git finding as the host's: its source, repository, a link and an id that names the repository. */
  private finish(f: Finding, repo: HostedRepo, key: string): Finding {
    const p = { ...f.provenance, source: this.h.prefix, [this.h.key]: repo.name } as unknown as Provenance;
    const { links } = this.h;
    const commit = typeof p.commit === "string" ? p.commit : undefined;
    let uri = f.uri;
    if (p.field === "tag" && typeof p.tag === "string")
      uri = links.tag(repo.web, p.tag.replace(/^refs\/tags\//, ""));
    else if (p.field === "message" && commit) uri = links.commit(repo.web, commit);
    else if (commit && typeof p.path === "string")
      uri = links.blob(repo.web, commit, p.path.split("!")[0]!, p.member === undefined ? f.line : 0);
    return { ...f, id: keyedHash(key, this.h.prefix, repo.name, f.id), provenance: p, uri };
  }
}

/** One repository's history: a mirror, the git source's items renamed, the mirror removed. */
async function* repoHistory(
  h: OrgHistory,
  folds: RepoFolds,
  repo: HostedRepo,
  root: string,
  signal?: AbortSignal,
) {
  const dir = await mkdtemp(path.join(root, "r-"));
  const name = `${h.prefix}:${repo.name}`;
  try {
    const mirror = path.join(dir, "repo.git");
    try {
      await cloneMirror(repo.clone, mirror, signal);
    } catch (err) {
      if (!signal?.aborted) h.ctx.error(name, `could not clone: ${reasonOf(err)}`);
      return;
    }
    const target = { raw: name, prefix: "git" as const, spec: name, path: mirror, query: {} };
    const source = await gitDescriptor.create(target, h.git, h.ctx);
    const folder = source.folder?.();
    if (folder) folds.register(repo, folder);
    for await (const item of source.items(signal))
      yield {
        ...item,
        id: `${repo.name}:${item.id}`,
        provenance: { ...item.provenance, source: h.prefix, [h.key]: repo.name } as unknown as Provenance,
      } as Item;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The items of every listed repository: its history, then `extra(repo)` (issues and comments),
 * `h.concurrency` repositories at a time, each mirror under one temporary folder removed at the end.
 */
export async function* orgItems(
  h: OrgHistory,
  folds: RepoFolds,
  repos: AsyncIterable<HostedRepo>,
  extra: (repo: HostedRepo) => AsyncIterable<Item>,
  signal?: AbortSignal,
): AsyncGenerator<Item> {
  const root = await mkdtemp(path.join(tmpdir(), "residue-org-"));
  const stop = new AbortController();
  const both = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  async function* jobs() {
    for await (const repo of repos)
      yield async function* () {
        yield* repoHistory(h, folds, repo, root, both);
        if (!both.aborted) yield* extra(repo);
      };
  }
  const merged = mergeBounded(jobs(), h.concurrency);
  try {
    // by hand, not yield*: on an early end the clones and walks must be stopped before the merge
    // waits for its streams to return
    for (let r = await merged.next(); !r.done; r = await merged.next()) yield r.value;
  } finally {
    stop.abort();
    await merged.return(undefined);
    await rm(root, { recursive: true, force: true });
  }
}
