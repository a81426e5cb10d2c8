/** Shared by the organization source tests: small histories to serve, and a scan under a fresh TMPDIR. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scan } from "../../src/scan.js";
import type { Finding } from "../../src/types.js";
import { tempRepo } from "../git-repo.js";

/** A repository committing `files` (then removing them, when asked); returns its folder and first commit. */
export async function repoWith(files: Record<string, string>, removeAfter = false) {
  const repo = await tempRepo();
  for (const [f, text] of Object.entries(files)) await repo.write(f, text);
  const first = await repo.commit("add files");
  if (removeAfter) {
    await repo.git.rm(Object.keys(files));
    await repo.commit("remove them");
  }
  return { dir: repo.dir, first };
}

/** Scans one target with TMPDIR pointing at a fresh folder; returns the findings, errors and that folder. */
export async function scanIn(
  target: string,
  o: { env: Record<string, string>; manifest: string; rules?: "all" | "none"; abortAtChunk?: boolean },
) {
  const tmp = mkdtempSync(path.join(tmpdir(), "residue-orgtmp-"));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    const stop = new AbortController();
    const run = scan({
      targets: [target],
      env: o.env,
      manifests: [o.manifest],
      rules: o.rules ?? "none",
      workers: 0,
      signal: stop.signal,
      ...(o.abortAtChunk && { onChunk: () => stop.abort() }),
    });
    const found: Finding[] = [];
    for await (const f of run) found.push(f);
    return { found, errors: run.errors, notices: run.notices, tmp };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
