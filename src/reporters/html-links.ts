/**
 * Links a responder can click: a file found by a relative scan opens as file:// (resolved where
 * the scan ran), and a copy in the history of a repository hosted on GitHub, GitLab or Bitbucket
 * opens at its commit and line on the host. The host comes from a `git:URL` target or the local
 * repository's `origin`, with any credentials in the URL dropped.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { CopyRecord } from "./systems.js";
import { targetSpec } from "./systems.js";

/** A repository's web address and its host's URL layout. */
export interface WebRepo {
  base: string;
  host: "github" | "gitlab" | "bitbucket";
}

/** The web repository of a remote URL (https, ssh or scp-like), or undefined for other hosts. */
export function webRepo(remote: string): WebRepo | undefined {
  const m =
    /^(?:https?|ssh|git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/i.exec(remote.trim()) ??
    /^(?:[^@/]+@)?([^/:]+):(.+?)(?:\.git)?\/?$/.exec(remote.trim());
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  const kind =
    host === "github.com"
      ? "github"
      : host === "gitlab.com"
        ? "gitlab"
        : host === "bitbucket.org"
          ? "bitbucket"
          : undefined;
  return kind ? { base: `https://${host}/${m[2]}`, host: kind } : undefined;
}

/** The web repository behind a `git:` target: its URL, or the local clone's origin. */
export function targetRepo(target: string, cwd = process.cwd()): WebRepo | undefined {
  const { prefix, spec } = targetSpec(target);
  if (prefix !== "git" || !spec) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || /^[^/]+@[^/]+:/.test(spec)) return webRepo(spec);
  try {
    const url = execFileSync("git", ["-C", path.resolve(cwd, spec), "remote", "get-url", "origin"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    });
    return webRepo(url);
  } catch {
    return undefined;
  }
}

/** The page on the host showing a file of a commit at a line. */
export function commitLineUrl(repo: WebRepo, commit: string, file: string, line: number): string {
  const p = file.split("/").map(encodeURIComponent).join("/");
  if (repo.host === "github") return `${repo.base}/blob/${commit}/${p}#L${line}`;
  if (repo.host === "gitlab") return `${repo.base}/-/blob/${commit}/${p}#L${line}`;
  return `${repo.base}/src/${commit}/${p}#lines-${line}`;
}

/** The link of a copy: the host's page for git history, a file:// URL for a file; else none. */
export function copyHref(c: CopyRecord, repo: WebRepo | undefined, cwd = process.cwd()): string | undefined {
  const loc = c.location;
  if (c.source === "git" && repo && typeof loc.commit === "string" && typeof loc.path === "string")
    return commitLineUrl(repo, loc.commit, loc.path, Number(loc.line ?? 1));
  if (/^https?:\/\//i.test(c.uri)) return c.uri;
  if ((c.source === "fs" || c.source === "logs" || c.source === "har") && typeof loc.path === "string") {
    const file = loc.path.split("!")[0]!;
    return pathToFileURL(path.resolve(cwd, file)).href;
  }
  return undefined;
}
