/** `slack-export:PATH[?since=…&until=…&channels=…]`: a Slack export, folder or zip. */
import { z } from "zod";
import { textField } from "../../option-fields.js";
import { defineSource } from "../descriptor.js";
import { locationOf, slackKeys } from "../shared/location.js";
import { listParam, whenParam } from "../shared/query.js";
import { SLACK_CHANNEL } from "../shared/systems.js";

/** The descriptor of Slack exports. */
export const slackExportDescriptor = defineSource({
  prefix: "slack-export",
  usage: "slack-export:PATH",
  summary: "a Slack export, zip or folder",
  isPath: true,
  resumable: true,
  system: SLACK_CHANNEL,
  location: locationOf("slack-export", slackKeys),
  options: z.object({
    slackDomain: textField(
      "<name>",
      "workspace of the export (acme for acme.slack.com, or a full host), for permalinks",
    ),
  }),
  query: z.object({ since: whenParam, until: whenParam, channels: listParam }).partial().strict(),
  async create(target, options, ctx) {
    const { slackExportSource } = await import("./index.js");
    return slackExportSource(target, options, ctx);
  },
});
