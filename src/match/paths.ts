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

/** Compiles a rule's globs into one test. */
export function pathTest(globs: readonly string[]): PathTest {
  const tests = globs.map((g) =>
    g.includes("/")
      ? picomatch(`**/${g.replace(/^\/+/, "")}`, { dot: true })
      : picomatch(g, { dot: true, basename: true }),
  );
  return (p) => {
    const inner = itemPath(p);
    return tests.some((t) => t(inner));
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
