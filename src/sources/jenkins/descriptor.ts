/** `jenkins:https://HOST[/job/NAME…][?builds=…&since=…&until=…]`: Jenkins console logs and artifacts. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { locationOf } from "../shared/location.js";
import { ciDownloadCap } from "../shared/options.js";
import { jenkinsQuery } from "./query.js";
import { jenkinsUrlProblem } from "./url.js";

/** The descriptor of Jenkins. */
export const jenkinsDescriptor = defineSource({
  prefix: "jenkins",
  usage: "jenkins:https://HOST[/job/NAME[/job/NAME…]][?builds=20&since=…&until=…]",
  summary: "Jenkins: recent builds' console text and archived artifacts (JENKINS_USER + JENKINS_TOKEN)",
  isPath: false,
  checkSpec: jenkinsUrlProblem,
  resumable: true,
  system: {
    kind: "Jenkins build",
    purge:
      "delete the build (its page's Delete build, or POST …/job/NAME/N/doDelete: the console log and archived artifacts go with it), and set the job's \"Discard old builds\" so copies expire; rotate any credential the build printed",
    name: (loc, spec) => `${String(loc.job ?? spec)} #${String(loc.build ?? "?")}`,
  },
  location: locationOf("jenkins", {
    job: z.string().describe("the job's full name (FOLDER/JOB)"),
    build: z.number().int().describe("the build number"),
    artifact: z
      .string()
      .optional()
      .describe("the archived artifact's relative path (absent for the console)"),
    path: z.string().describe("JOB/N/console.log or JOB/N/ARTIFACT, then !member inside an archive"),
  }),
  options: z.object({ ciDownloadCap }),
  query: jenkinsQuery,
  async create(target, options, ctx) {
    const { jenkinsSource } = await import("./index.js");
    return jenkinsSource(target, options, ctx);
  },
});
