/** `residue scan` options for the detectors area (issue #4). Values reach sources as ctx.options.<camelCaseName>. */
import type { Command } from "commander";

/** Adds this area's options to the scan command. */
export function addDetectorsOptions(cmd: Command): Command {
  return cmd;
}
