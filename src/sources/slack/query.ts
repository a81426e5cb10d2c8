/** The query of the `slack:` target (`slack:?types=…&channels=…&since=…&until=…`). */
import { z } from "zod";
import { listParam, whenParam } from "../shared/query.js";

const TYPES = ["public_channel", "private_channel", "mpim", "im"] as const;

/** What `slack:?…` may say. */
export const slackQuery = z
  .object({
    types: listParam.pipe(
      z.array(z.enum(TYPES, { error: (i) => `${String(i.input)} is not one of ${TYPES.join(", ")}` })),
    ),
    channels: listParam.transform((l) => l.map((c) => c.replace(/^#/, ""))),
    since: whenParam,
    until: whenParam,
  })
  .partial()
  .strict();

/** What the `slack:` target reads. */
export type SlackQuery = z.output<typeof slackQuery>;
