/** `github:OWNER[/REPO][?issues=true&forks=true&archived=false&since=…]`: repositories' histories, issues. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { gitOptions } from "../git/descriptor.js";
import { ownerRepoProblem } from "../github-actions/query.js";
import { gitKeys, locationOf } from "../shared/location.js";
import { pathOptions, repoConcurrency } from "../shared/options.js";
import { orgQuery } from "../shared/org-query.js";

/** The descriptor of GitHub repositories. */
export const githubDescriptor = defineSource({
  prefix: "github",
  usage: "github:OWNER[/REPO][?issues=true&forks=true&archived=false&since=…]",
  summary:
    "every repository of a GitHub organization or user (or one): full history through a temporary mirror; with issues=true also issues, pull requests and their comments (GITHUB_TOKEN; GITHUB_API_URL for GitHub Enterprise Server)",
  isPath: false,
  checkSpec: ownerRepoProblem,
  resumable: true,
  system: {
    kind: "GitHub repository",
    purge:
      "in history: rewrite it (git filter-repo --replace-text), force-push every ref, and ask GitHub Support to drop cached views and pull-request refs; in an issue, pull request or comment: edit the text out and delete the edit history revision, or delete the comment",
    name: (loc, spec) => {
      const repo = String(loc.repo ?? spec);
      return typeof loc.issue === "number" ? `${repo}#${loc.issue}` : repo;
    },
  },
  location: locationOf("github", {
    ...gitKeys,
    repo: z.string().describe("OWNER/REPO"),
    issue: z.number().int().optional().describe("the issue or pull request number"),
    pull: z.boolean().optional().describe("the issue is a pull request"),
    comment: z.string().optional().describe("the comment id (field comment or review comment)"),
  }),
  options: z.object({ unreachable: gitOptions.shape.unreachable, ...pathOptions, repoConcurrency }),
  query: orgQuery,
  async create(target, options, ctx) {
    const { githubSource } = await import("./index.js");
    return githubSource(target, options, ctx);
  },
});
