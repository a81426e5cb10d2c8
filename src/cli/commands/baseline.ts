/**
 * `residue baseline create | check [TARGET...] [scan options]` (issue #4). Both scan the targets
 * with scan's options: `create` records the findings' location-independent fingerprints; `check`
 * reports only findings the baseline lacks and exits 1 if there are any.
 */
import { DEFAULT_BASELINE } from "../../suppress/baseline.js";
import { EXIT } from "../io.js";
import { addScanOptions, runScan } from "../scan-run.js";
import type { RegisterCommand } from "./types.js";

/** Registers `residue baseline`. */
export const registerBaseline: RegisterCommand = (program, io, exit) => {
  const base = program.command("baseline").description("accept today's findings; report only new ones");
  const create = base
    .command("create")
    .description("scan and write the findings to a baseline file (takes scan's targets and options)")
    .argument("[targets...]", "what to scan, as for residue scan")
    .option("--baseline <file>", "baseline file to write", DEFAULT_BASELINE);
  addScanOptions(create, false).action(async (targets: string[], opts: Record<string, unknown>) => {
    // the findings go to the baseline, not to a report
    const { baseline, ...rest } = opts;
    const status = await runScan(
      targets,
      { ...rest, writeBaseline: baseline, quiet: true, format: "text", json: false, output: undefined },
      io,
      create,
    );
    exit(status === EXIT.findings ? EXIT.clean : status);
  });
  const check = base
    .command("check")
    .description("scan and report findings not in the baseline; exit 1 if there are any")
    .argument("[targets...]", "what to scan, as for residue scan")
    .option("--baseline <file>", "baseline file to compare with", DEFAULT_BASELINE);
  addScanOptions(check, false).action(async (targets: string[], opts: Record<string, unknown>) => {
    exit(await runScan(targets, opts, io, check));
  });
};
