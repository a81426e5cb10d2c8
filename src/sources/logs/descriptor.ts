/** `logs:PATH`: build logs. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { fileKeys, locationOf } from "../shared/location.js";
import { noQuery, pathOptions } from "../shared/options.js";

/** The descriptor of build logs. */
export const logsDescriptor = defineSource({
  prefix: "logs",
  usage: "logs:PATH",
  summary: "build logs: a file, a folder, or a zip of logs",
  isPath: true,
  resumable: false,
  system: {
    kind: "log store",
    purge: "delete the log (or the build's log archive) and any copies shipped to log aggregation",
  },
  location: locationOf("logs", fileKeys),
  options: z.object(pathOptions),
  query: noQuery,
  async create(target, options, ctx) {
    const { logsSource } = await import("./index.js");
    return logsSource(target, options, ctx);
  },
});
