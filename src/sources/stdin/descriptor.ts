/** `-`: standard input. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { fileKeys, locationOf } from "../shared/location.js";
import { noQuery } from "../shared/options.js";
import { stdinSource } from "./index.js";

/** The descriptor of standard input. */
export const stdinDescriptor = defineSource({
  prefix: "stdin",
  usage: "-",
  summary: "standard input",
  isPath: false,
  resumable: false,
  system: { kind: "standard input", purge: "find where the piped text came from and purge it there" },
  location: locationOf("stdin", fileKeys),
  options: z.object({}),
  query: noQuery,
  create: async (_target, _options, ctx) => stdinSource(ctx),
});
