/** `residue scan` options for the slack area (issue #6). Values reach sources as ctx.options.<camelCaseName>. */
import type { Command } from "commander";

/** Adds this area's options to the scan command. */
export function addSlackOptions(cmd: Command): Command {
  return cmd;
}
