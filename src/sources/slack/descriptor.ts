/** `slack:[?query]`: the Slack Web API. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { locationOf, slackKeys } from "../shared/location.js";
import { SLACK_CHANNEL } from "../shared/systems.js";
import { slackQuery } from "./query.js";

/** The descriptor of the Slack Web API. */
export const slackDescriptor = defineSource({
  prefix: "slack",
  usage: "slack:[?query]",
  summary: "the Slack Web API (SLACK_TOKEN; SLACK_API_URL overrides the base URL)",
  isPath: false,
  resumable: true,
  system: SLACK_CHANNEL,
  location: locationOf("slack", slackKeys),
  options: z.object({}),
  query: slackQuery,
  async create(target, _options, ctx) {
    const { slackSource } = await import("./index.js");
    return slackSource(target, ctx);
  },
});
