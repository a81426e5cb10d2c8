/** `git:PATH|URL`: every blob of a repository's history. */
import { z } from "zod";
import { switchField, textField } from "../../option-fields.js";
import { defineSource } from "../descriptor.js";
import { gitKeys, locationOf } from "../shared/location.js";
import { noQuery, pathOptions } from "../shared/options.js";
import { REPOSITORY } from "../shared/systems.js";

const notAnOption = (v: string) => !!v.trim() && !v.startsWith("-");

/** Options of a `git:` target. */
export const gitOptions = z.object({
  unreachable: switchField("also scan blobs no ref reaches (reset, amended or dropped commits)"),
  since: textField(
    "<date>",
    'only blobs introduced by commits dated after this (git\'s date forms: 2024-01-31, "2 weeks ago")',
    { test: notAnOption, message: 'expected a date (2024-01-31, "2 weeks ago")' },
  ),
  range: textField("<A..B>", "only blobs introduced by the commits of this range", {
    test: (v) => /^[^\s.-][^\s]*\.\.\.?[^\s.][^\s]*$/.test(v),
    message: "expected A..B (two revisions, e.g. origin/main..HEAD)",
  }),
  ...pathOptions,
});

/** The options a `git:` source gets, validated. */
export type GitOptions = z.output<typeof gitOptions>;

/** The descriptor of git history. */
export const gitDescriptor = defineSource({
  prefix: "git",
  usage: "git:PATH|URL",
  summary: "every blob of the repository's history, all refs, each blob scanned once",
  isPath: true,
  resumable: false,
  system: REPOSITORY,
  location: locationOf("git", gitKeys),
  options: gitOptions,
  query: noQuery,
  async create(target, options, ctx) {
    const { gitSource } = await import("./index.js");
    return gitSource(target, options, ctx);
  },
});
