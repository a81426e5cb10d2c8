/** `residue scan` options for the git area (issue #3). Values reach sources as ctx.options.<camelCaseName>. */
import type { Command } from "commander";

/** Adds this area's options to the scan command. */
export function addGitOptions(cmd: Command): Command {
  return cmd;
}
