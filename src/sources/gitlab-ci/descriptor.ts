/** `gitlab-ci:GROUP[/PROJECT][?since=…&until=…]`: GitLab CI job traces and artifacts. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { locationOf } from "../shared/location.js";
import { ciDownloadCap } from "../shared/options.js";
import { whenParam } from "../shared/query.js";

const PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** The descriptor of GitLab CI. */
export const gitlabCiDescriptor = defineSource({
  prefix: "gitlab-ci",
  usage: "gitlab-ci:GROUP[/PROJECT][?since=…&until=…]",
  summary: "GitLab CI job traces and artifacts (GITLAB_TOKEN; GITLAB_URL for a self-managed instance)",
  isPath: false,
  checkSpec: (spec) =>
    PATH.test(spec) ? undefined : "use GROUP or GROUP/PROJECT (subgroups allowed: a/b/c)",
  resumable: true,
  system: {
    kind: "GitLab CI job",
    purge:
      "erase the job (POST /projects/ID/jobs/JOB/erase removes its trace and artifacts) or delete its artifacts (DELETE /projects/ID/jobs/JOB/artifacts)",
    name: (loc, spec) => `${String(loc.project ?? spec)} job ${String(loc.job ?? "?")}`,
  },
  location: locationOf("gitlab-ci", {
    project: z.string().describe("GROUP/PROJECT"),
    job: z.number().int().describe("the job id"),
    jobName: z.string().optional(),
    stage: z.string().optional(),
    pipeline: z.number().int().optional().describe("the pipeline id"),
    artifact: z.string().optional().describe("the artifacts archive's name (absent for the trace)"),
    path: z.string().describe("PROJECT/-/jobs/ID/trace.log or …/ARTIFACTS.zip, then !member"),
  }),
  options: z.object({ ciDownloadCap }),
  query: z.object({ since: whenParam, until: whenParam }).partial().strict(),
  async create(target, options, ctx) {
    const { gitlabCiSource } = await import("./index.js");
    return gitlabCiSource(target, options, ctx);
  },
});
