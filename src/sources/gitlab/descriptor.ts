/** `gitlab:GROUP[/PROJECT][?issues=true&forks=true&archived=false&since=…]`: projects' histories, issues, merge requests. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { gitOptions } from "../git/descriptor.js";
import { gitKeys, locationOf } from "../shared/location.js";
import { pathOptions, repoConcurrency } from "../shared/options.js";
import { orgQuery } from "../shared/org-query.js";

const PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** The descriptor of GitLab projects. */
export const gitlabDescriptor = defineSource({
  prefix: "gitlab",
  usage: "gitlab:GROUP[/PROJECT][?issues=true&forks=true&archived=false&since=…]",
  summary:
    "every project of a GitLab group and its subgroups (or one): full history through a temporary mirror; with issues=true also issues, merge requests and their notes (GITLAB_TOKEN; GITLAB_URL for a self-managed instance)",
  isPath: false,
  checkSpec: (spec) =>
    PATH.test(spec) ? undefined : "use GROUP or GROUP/PROJECT (subgroups allowed: a/b/c)",
  resumable: true,
  system: {
    kind: "GitLab project",
    purge:
      "in history: rewrite it (git filter-repo --replace-text), force-push every ref (unprotect branches first), then run housekeeping (Settings › General › Advanced › Run housekeeping, prune unreachable objects) so old objects and merge-request refs go; in an issue, merge request or note: edit the text out (descriptions keep their versions: delete them too) or delete the note",
    name: (loc, spec) => {
      const project = String(loc.project ?? spec);
      if (typeof loc.issue === "number") return `${project}#${loc.issue}`;
      return typeof loc.mergeRequest === "number" ? `${project}!${loc.mergeRequest}` : project;
    },
  },
  location: locationOf("gitlab", {
    ...gitKeys,
    project: z.string().describe("GROUP/PROJECT (subgroups included)"),
    issue: z.number().int().optional().describe("the issue's iid"),
    mergeRequest: z.number().int().optional().describe("the merge request's iid"),
    comment: z.string().optional().describe("the note's id (field note)"),
  }),
  options: z.object({ unreachable: gitOptions.shape.unreachable, ...pathOptions, repoConcurrency }),
  query: orgQuery,
  async create(target, options, ctx) {
    const { gitlabSource } = await import("./index.js");
    return gitlabSource(target, options, ctx);
  },
});
