/**
 * `residue scan` options for the detectors area (issue #4): extra rule folders, suppression
 * (ignore file, baseline) and --save-manifest. Values reach sources as ctx.options.<camelCaseName>.
 * What runs on every finding after the scan (saving fingerprints, a baseline) is src/cli/post-scan.ts.
 */
import { type Command, Option } from "commander";

const collect = (v: string, prev: string[] = []) => [...prev, v];
/** Adds this area's options to a scanning command (`baseline` commands name their own --baseline). */
export function addDetectorsOptions(cmd: Command, withBaseline = true): Command {
  if (withBaseline)
    cmd.option("--baseline <file>", "report only findings not in this baseline (residue baseline create)");
  return cmd
    .option("--detectors <dir>", "add the rules of a folder of .yaml files (repeatable)", collect)
    .option("--ignore-file <file>", "ids, fingerprints and path globs to ignore (default .residueignore)")
    .option("--save-manifest <file>", "add every found secret's fingerprints to that manifest")
    .addOption(new Option("--write-baseline <file>", "write the findings as a baseline").hideHelp());
}
