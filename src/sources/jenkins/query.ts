/** The query of a `jenkins:URL?builds=…&since=…&until=…` target. */
import { z } from "zod";
import { whenParam } from "../shared/query.js";

/** What `jenkins:…?…` may say. */
export const jenkinsQuery = z
  .object({
    /** How many of each job's most recent builds are read (default 20). */
    builds: z.coerce
      .number({ error: "expected a number" })
      .int({ error: "expected a whole number" })
      .min(1, { error: "expected at least 1" }),
    since: whenParam,
    until: whenParam,
  })
  .partial()
  .strict();

/** What the `jenkins:` target reads. */
export type JenkinsQuery = z.output<typeof jenkinsQuery>;
