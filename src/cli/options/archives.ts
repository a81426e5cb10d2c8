/** `residue scan` options for the archives area (issue #5). Values reach sources as ctx.options.<camelCaseName>. */
import type { Command } from "commander";

/** Adds this area's options to the scan command. */
export function addArchivesOptions(cmd: Command): Command {
  return cmd;
}
