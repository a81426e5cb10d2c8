/** `har:PATH`: HAR captures. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { fileKeys, locationOf } from "../shared/location.js";
import { noQuery, pathOptions } from "../shared/options.js";

/** The descriptor of HAR captures. */
export const harDescriptor = defineSource({
  prefix: "har",
  usage: "har:PATH",
  summary: "HAR captures: a file, or every .har file under a folder",
  isPath: true,
  resumable: false,
  system: {
    kind: "HAR capture",
    purge: "delete the capture, and every ticket or chat message it was attached to",
  },
  location: locationOf("har", fileKeys),
  options: z.object(pathOptions),
  query: noQuery,
  async create(target, options, ctx) {
    const { harSource } = await import("./index.js");
    return harSource(target, options, ctx);
  },
});
