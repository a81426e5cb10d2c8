/** `git-staged:PATH`: the staged change (the pre-commit hook). */
import { z } from "zod";
import { switchField } from "../../option-fields.js";
import { defineSource } from "../descriptor.js";
import { gitKeys, locationOf } from "../shared/location.js";
import { noQuery } from "../shared/options.js";
import { REPOSITORY } from "../shared/systems.js";

/** The descriptor of the staged change. */
export const gitStagedDescriptor = defineSource({
  prefix: "git-staged",
  usage: "git-staged:PATH",
  summary: "the staged change only (the pre-commit hook)",
  isPath: true,
  resumable: false,
  system: REPOSITORY,
  location: locationOf("git-staged", gitKeys),
  options: z.object({
    fullFiles: switchField("report pattern findings in the whole staged file, not only added lines"),
  }),
  query: noQuery,
  async create(target, options, ctx) {
    const { gitStagedSource } = await import("./index.js");
    return gitStagedSource(target, options, ctx);
  },
});
