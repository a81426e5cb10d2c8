/** `residue scan` options for the verify area (issue #8). Values reach sources as ctx.options.<camelCaseName>. */
import type { Command } from "commander";

/** Adds this area's options to the scan command. */
export function addVerifyOptions(cmd: Command): Command {
  return cmd;
}
