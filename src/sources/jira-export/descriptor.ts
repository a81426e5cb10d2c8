/** `jira-export:PATH[?since=…&site=…]`: Jira issues as REST-shaped JSON. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { jiraKeys, locationOf } from "../shared/location.js";
import { whenParam } from "../shared/query.js";
import { JIRA_PROJECT } from "../shared/systems.js";

/** The descriptor of Jira exports. */
export const jiraExportDescriptor = defineSource({
  prefix: "jira-export",
  usage: "jira-export:PATH",
  summary: "Jira issues as REST-shaped JSON export",
  isPath: true,
  resumable: true,
  system: JIRA_PROJECT,
  location: locationOf("jira-export", jiraKeys),
  options: z.object({}),
  query: z
    .object({ since: whenParam, site: z.string().transform((s) => s.replace(/\/+$/, "")) })
    .partial()
    .strict(),
  async create(target, _options, ctx) {
    const { jiraExportSource } = await import("./index.js");
    return jiraExportSource(target, ctx);
  },
});
