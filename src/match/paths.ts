/**
 * Path-aware rules: a rule with `paths` runs only on items whose path matches one of its globs
 * (a Rails `master.key` holds nothing but 32 hex characters; `/etc/shadow` lines have no keyword).
 * A glob without `/` matches the base name; one with `/` matches the end of the path at any depth
 * (`config/master.key` matches `app/config/master.key`). Inside an archive the member's own path
 * counts (`outer.zip!inner/file` → `inner/file`).
 */
import picomatch from "picomatch";
import type { Chunk } from "../types.js";

/** Tests an item path against a rule's globs. */
export type PathTest = (path: string) => boolean;

/** One regex source for any of the globs (picomatch's own), or undefined when there are none. */
function anyOf(globs: string[]): string | undefined {
  if (!globs.length) return undefined;
  return globs.map((g) => `(?:${picomatch.makeRe(g, { dot: true }).source})`).join("|");
}

/** A rule's globs as two regex sources: base-name globs, path-end globs (kept in the compiled catalog). */
export interface PathSources {
  base?: string;
  tail?: string;
}

/** The regex sources of a rule's globs. */
export function pathSources(globs: readonly string[]): PathSources {
  const base = anyOf(globs.filter((g) => !g.includes("/")));
  const tail = anyOf(globs.filter((g) => g.includes("/")).map((g) => `**/${g.replace(/^\/+/, "")}`));
  return { ...(base && { base }), ...(tail && { tail }) };
}

/**
 * Compiles a rule's globs into one test: two regexes (base-name globs, path-end globs) rather
 * than a matcher per glob, since every item of a scan is tested against every path-aware rule.
 * `sources`: the globs' regexes as the build saved them (no glob parsing at start-up).
 */
export function pathTest(globs: readonly string[], sources = pathSources(globs)): PathTest {
  const base = sources.base === undefined ? undefined : new RegExp(sources.base);
  const tail = sources.tail === undefined ? undefined : new RegExp(sources.tail);
  return (p) => {
    const inner = itemPath(p);
    return !!base?.test(inner.slice(inner.lastIndexOf("/") + 1)) || !!tail?.test(inner);
  };
}

/** The path a rule's globs are matched against: forward slashes, an archive member's own path. */
export function itemPath(p: string): string {
  const slashed = p.replace(/\\/g, "/");
  return slashed.slice(slashed.lastIndexOf("!") + 1);
}

/**
 * A plain path that the glob matches, for checking a rule's examples (`**` and `*` become a
 * name, `?` a letter, `{a,b}` its first choice, a class its first character); undefined when
 * the glob is too clever for that.
 */
export function samplePath(glob: string): string | undefined {
  const p = glob
    .replace(/^\/+/, "")
    .replace(/\*\*\/?/g, "")
    .replace(/\{([^,}]*)[^}]*\}/g, "$1")
    .replace(/\[!?\^?([^\]])[^\]]*\]/g, "$1")
    .replace(/\*/g, "sample")
    .replace(/\?/g, "x");
  return p && pathTest([glob])(p) ? p : undefined;
}

/** The path of the item a chunk comes from (its provenance path), for path-aware rules. */
export function itemPathOf(chunk: Chunk): string | undefined {
  const p = chunk.provenance.path;
  return typeof p === "string" ? p : undefined;
}
