/** `jira:https://SITE[?jql=…&since=…]`: the Jira REST API. */
import { z } from "zod";
import { countField } from "../../option-fields.js";
import { defineSource } from "../descriptor.js";
import { jiraKeys, locationOf } from "../shared/location.js";
import { whenParam } from "../shared/query.js";
import { JIRA_PROJECT } from "../shared/systems.js";
import { siteProblem } from "./query.js";

/** The descriptor of the Jira REST API. */
export const jiraDescriptor = defineSource({
  prefix: "jira",
  usage: "jira:URL",
  summary: "the Jira REST API (JIRA_EMAIL + JIRA_API_TOKEN, or JIRA_PAT)",
  isPath: false,
  checkSpec: siteProblem,
  resumable: true,
  system: JIRA_PROJECT,
  location: locationOf("jira", jiraKeys),
  options: z.object({
    jiraAttachmentCap: countField("<bytes>", "largest Jira text attachment read (default 1 MiB)", 1),
  }),
  query: z.object({ jql: z.string(), since: whenParam }).partial().strict(),
  async create(target, options, ctx) {
    const { jiraSource } = await import("./index.js");
    return jiraSource(target, options, ctx);
  },
});
