/**
 * The sift before the log pass (sift.ts), in a scan for known secrets alone over the whole
 * history. Beside it, what tells whether the log pass can be skipped: `rev-list --objects`
 * (no object missing), or, once a submodule is met, the submodule log, which must run anyway to
 * name it and lists every blob the full path would read (none may be missing): rev-list then
 * stops, as it does when something is kept (the log pass runs, and reads what is missing).
 */
import type { SourceContext } from "../../types.js";
import type { GitOptions } from "./descriptor.js";
import { noticeSubmodules, type Submodules, submodulesOf } from "./gitlinks.js";
import { complete, countSifted, type Sifted, sift } from "./sift.js";

/** True when the submodule log ran and every blob it names was read by the sift. */
function allRead(named: Submodules | undefined, sifted: Sifted): named is Submodules {
  return !!named && named.blobs.every((id) => sifted.seen.has(id));
}

/**
 * The sift's result; "nothing": no object may hold a copy, none is missing, submodules are
 * named, so the log pass is not needed; undefined: no fast path (pattern rules run, a range, an
 * unreadable object).
 */
export async function siftFirst(
  dir: string,
  options: GitOptions,
  ctx: SourceContext,
): Promise<Sifted | "nothing" | undefined> {
  const test = !options.range && !options.since ? ctx.knownFilter?.() : undefined;
  if (!test) return undefined;
  // rev-list runs beside cat-file (two cores): needed when nothing is kept, the common case
  const whole = complete(dir);
  // and the submodule pass as soon as a submodule is met with nothing kept so far
  let named: Promise<Submodules | undefined> | undefined;
  const nameSubmodules = () => {
    whole.stop();
    return (named ??= submodulesOf(dir, ["--all", "--"], true).catch(() => undefined));
  };
  const sifted = await sift(dir, test, options.unreachable ? undefined : nameSubmodules);
  if (!sifted) {
    whole.stop();
    return undefined;
  }
  // the log pass runs anyway (reading only what was kept): it names submodules in lost commits too
  if (sifted.keep.size || (sifted.gitlinks && options.unreachable)) {
    whole.stop();
    countSifted(sifted, ctx);
    return sifted;
  }
  if (sifted.gitlinks) {
    const submodules = await nameSubmodules();
    if (!allRead(submodules, sifted)) return undefined;
    countSifted(sifted, ctx);
    noticeSubmodules(submodules.paths, ctx);
    return "nothing";
  }
  if (!(await whole.done)) return undefined;
  countSifted(sifted, ctx);
  return "nothing";
}
