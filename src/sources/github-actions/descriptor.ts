/** `github-actions:OWNER[/REPO][?query]`: GitHub Actions run logs and artifacts. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { locationOf } from "../shared/location.js";
import { ciDownloadCap } from "../shared/options.js";
import { githubActionsQuery, ownerRepoProblem } from "./query.js";

/** The descriptor of GitHub Actions. */
export const githubActionsDescriptor = defineSource({
  prefix: "github-actions",
  usage: "github-actions:OWNER[/REPO][?since=…&until=…&workflow=…&branch=…]",
  summary:
    "GitHub Actions run logs and artifacts (GITHUB_TOKEN; GITHUB_API_URL for GitHub Enterprise Server)",
  isPath: false,
  checkSpec: ownerRepoProblem,
  resumable: true,
  system: {
    kind: "GitHub Actions run",
    purge:
      "delete the run's logs (DELETE /repos/OWNER/REPO/actions/runs/ID/logs, or delete the run) and delete its artifacts (DELETE …/actions/artifacts/ID); re-run nothing that prints the secret",
    name: (loc, spec) => `${String(loc.repo ?? spec)} run ${String(loc.run ?? "?")}`,
  },
  location: locationOf("github-actions", {
    repo: z.string().describe("OWNER/REPO"),
    run: z.number().int().describe("the workflow run id"),
    workflow: z.string().optional().describe("the workflow's name"),
    artifact: z.string().optional().describe("the artifact's name (absent for the run's logs)"),
    path: z.string().describe("REPO/actions/runs/ID/logs.zip or …/artifacts/NAME.zip, then !job/step.txt"),
  }),
  options: z.object({ ciDownloadCap }),
  query: githubActionsQuery,
  async create(target, options, ctx) {
    const { githubActionsSource } = await import("./index.js");
    return githubActionsSource(target, options, ctx);
  },
});
