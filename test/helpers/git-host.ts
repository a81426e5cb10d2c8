/**
 * Bare repositories served over git's "dumb" HTTP protocol (static files after
 * `git update-server-info`) by a fake API's own server, behind a token check: the organization
 * sources clone them as they would clone from GitHub or GitLab, and a test can see which
 * Authorization header each clone sent.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FakeResponse } from "./http-server.mjs";

/** Served bare repositories by `owner/name`, and the Authorization headers git sent. */
export interface GitHost {
  root: string;
  seen: string[];
  /** Adds a bare copy of a working repository as `owner/name.git`. */
  add(name: string, workDir: string): void;
  /** Answers a request under `/git/`, or undefined for another path. */
  serve(pathname: string, authorization: string | undefined): FakeResponse | undefined;
}

/** A git host whose clones must carry `expected` as their Authorization header. */
export function gitHost(expected: string): GitHost {
  const root = mkdtempSync(path.join(tmpdir(), "residue-githost-"));
  const seen: string[] = [];
  return {
    root,
    seen,
    add(name, workDir) {
      const bare = path.join(root, `${name}.git`);
      execFileSync("git", ["clone", "--bare", "--quiet", workDir, bare]);
      execFileSync("git", ["update-server-info"], { cwd: bare });
    },
    serve(pathname, authorization) {
      if (!pathname.startsWith("/git/")) return undefined;
      seen.push(authorization ?? "");
      if (authorization !== expected)
        return { status: 401, headers: { "www-authenticate": 'Basic realm="git"' }, text: "" };
      const file = path.join(root, decodeURIComponent(pathname.slice(5)));
      if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return { status: 404 };
      return { text: readFileSync(file) as unknown as string };
    },
  };
}
