/** `residue scan` options for the slack area (issue #6). Values reach sources as ctx.options.<camelCaseName>. */
import type { Command } from "commander";

/** Adds this area's options to the scan command. */
export function addSlackOptions(cmd: Command): Command {
  return cmd
    .option(
      "--slack-domain <name>",
      "workspace of a slack-export (acme for acme.slack.com, or a full host), for permalinks",
    )
    .option("--jira-attachment-cap <bytes>", "largest Jira text attachment read (default 1 MiB)", (v) =>
      Number.parseInt(v, 10),
    );
}
