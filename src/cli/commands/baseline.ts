/**
 * `residue baseline create | check [TARGET...] [scan options]` (issue #4). Both run `residue scan`
 * with the same targets and options: `create` records the findings' location-independent
 * fingerprints; `check` reports only findings the baseline lacks and exits 1 if there are any.
 */
import { devNull } from "node:os";
import { DEFAULT_BASELINE } from "../../suppress/baseline.js";
import { EXIT } from "../io.js";
import type { RegisterCommand } from "./types.js";

/** Registers `residue baseline`. */
export const registerBaseline: RegisterCommand = (program, io, exit) => {
  const base = program.command("baseline").description("accept today's findings; report only new ones");
  const scanVia = async (args: string[]) => (await import("../main.js")).run(["scan", ...args], io);
  base
    .command("create")
    .description("scan and write the findings to a baseline file (takes scan's targets and options)")
    .argument("[args...]", "targets and scan options")
    .option("--baseline <file>", "baseline file to write", DEFAULT_BASELINE)
    .allowUnknownOption()
    .action(async (args: string[], opts: { baseline: string }) => {
      const status = await scanVia([
        ...args,
        "--write-baseline",
        opts.baseline,
        "-q",
        "-f",
        "jsonl",
        "-o",
        devNull,
      ]);
      exit(status === EXIT.findings ? EXIT.clean : status);
    });
  base
    .command("check")
    .description("scan and report findings not in the baseline; exit 1 if there are any")
    .argument("[args...]", "targets and scan options")
    .option("--baseline <file>", "baseline file to compare with", DEFAULT_BASELINE)
    .allowUnknownOption()
    .action(async (args: string[], opts: { baseline: string }) => {
      exit(await scanVia([...args, "--baseline", opts.baseline]));
    });
};
