/**
 * `residue sweep -c residue.sweep.json [--db FILE]`: one incremental run over the config's
 * targets into the store. Exit status: 1 new copies (per `failOn`), 3 a target failed or was
 * read in part, 0 otherwise; 2 for a bad config or store.
 */
import path from "node:path";
import { loadSweepConfig } from "../../sweep/config.js";
import { runSweep, type SweepResult, sweepStatus } from "../../sweep/run.js";
import type { CliIO } from "../io.js";
import { workersOption } from "../options/workers.js";
import { createProgress } from "../progress.js";
import type { RegisterCommand } from "./types.js";

/** The closing summary of a sweep, on stderr. */
export function sweepSummary(r: SweepResult): string {
  const lines = r.targets.map(
    (t) => `  ${t.target}: ${t.status}, ${t.items} items, ${t.findings} copies, ${t.errors} errors`,
  );
  const c = r.counts;
  const head = `run ${r.run}${r.resumed ? " (resumed)" : ""}${r.interrupted ? " (interrupted; the next sweep resumes it)" : ""}: ${c.new} new, ${c.surviving} surviving, ${c.gone} gone`;
  const errs = r.errors.map((e) => `  error: ${e.source}: ${e.item}: ${e.reason}`);
  return `${[head, ...lines, ...errs, `  store: ${r.db}`].join("\n")}\n`;
}

export const registerSweep: RegisterCommand = (program, io: CliIO, exit) => {
  program
    .command("sweep")
    .description("run the targets of a sweep config into the store: what is new, surviving, gone")
    .requiredOption("-c, --config <file>", "the sweep config (JSON, see schema/residue.sweep.schema.json)")
    .option("--db <file>", "the store (default: the config's db, else .residue/residue.db)")
    .addOption(workersOption())
    .option("-q, --quiet", "no progress or summary on stderr")
    .option(
      "--key-file <file>",
      "the manifests' key file (default: RESIDUE_MANIFEST_KEY, else the keys folder)",
    )
    .action(
      async (opts: { config: string; db?: string; workers?: number; quiet?: boolean; keyFile?: string }) => {
        const config = loadSweepConfig(path.resolve(io.cwd, opts.config));
        const progress = createProgress(io.stderr, opts);
        const abort = new AbortController();
        void io.interrupted?.then(() => abort.abort());
        const result = await runSweep({
          config,
          ...(opts.db && { db: path.resolve(io.cwd, opts.db) }),
          cwd: io.cwd,
          env: io.env,
          ...(opts.keyFile && { keyFile: path.resolve(io.cwd, opts.keyFile) }),
          stdin: io.stdin,
          signal: abort.signal,
          workers: opts.workers,
          onProgress: (t) => progress.update(t),
        });
        progress.done();
        if (!opts.quiet) io.stderr.write(sweepSummary(result));
        exit(sweepStatus(result, config.failOn));
      },
    );
};
