/** `residue scan [TARGET...]`: the contract of DESIGN.md. */
import { descriptors } from "../../sources/registry.js";
import { addScanOptions, runScan } from "../scan-run.js";
import type { RegisterCommand } from "./types.js";

/** Registers `residue scan`. */
export const registerScan: RegisterCommand = (program, io, exit) => {
  const cmd = program
    .command("scan")
    .description("scan targets for copies of known secrets and for pattern-found secrets")
    .argument("[targets...]", descriptors.map((d) => d.usage).join(" | "));
  addScanOptions(cmd).action(async (targets: string[], opts: Record<string, unknown>) => {
    exit(await runScan(targets, opts, io, cmd));
  });
};
