/**
 * `residue scan` options for the detectors area (issue #4): extra rule folders, suppression
 * (ignore file, baseline) and --save-manifest. Values reach sources as ctx.options.<camelCaseName>.
 * The hooks that need every finding (saving fingerprints, writing a baseline) join scanHooks here.
 */
import { type Command, Option } from "commander";
import { scanHooks } from "../commands/scan.js";
import { saveManifestHook, writeBaselineHook } from "../detectors-hooks.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];
let hooked = false;

/** Adds this area's options to the scan command. */
export function addDetectorsOptions(cmd: Command): Command {
  if (!hooked) {
    hooked = true;
    scanHooks.push(saveManifestHook, writeBaselineHook);
  }
  return cmd
    .option("--detectors <dir>", "add the rules of a folder of .yaml files (repeatable)", collect)
    .option("--baseline <file>", "report only findings not in this baseline (residue baseline create)")
    .option("--ignore-file <file>", "ids, fingerprints and path globs to ignore (default .residueignore)")
    .option("--save-manifest <file>", "add every found secret's fingerprints to that manifest")
    .addOption(new Option("--write-baseline <file>", "write the findings as a baseline").hideHelp());
}
