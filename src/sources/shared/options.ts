/** Option fields shared by several sources (one object each, so the CLI shows one flag). */
import { z } from "zod";
import { countField, listField } from "../../option-fields.js";
import { noIgnore } from "./paths.js";
import type { WalkRules } from "./walk.js";

/** `--exclude <glob>`: paths the walk skips (gitignore syntax). */
export const exclude = listField("<glob>", "skip paths matching the glob, gitignore syntax (repeatable)");

/** The options of a source whose items have paths: `--exclude` and `--no-ignore`. */
export const pathOptions = { exclude, noIgnore };

/** The walk rules of those options. */
export function walkRules(o: { exclude?: string[]; noIgnore?: boolean }): WalkRules {
  return { ...(o.exclude && { exclude: o.exclude }), ignoreFiles: o.noIgnore !== true };
}

/** The query of a target that takes none. */
export const noQuery = z.object({}).strict();

/** `--ci-download-cap <bytes>`: the largest CI log or artifact zip downloaded. */
export const ciDownloadCap = countField(
  "<bytes>",
  "largest CI log or artifact zip downloaded (default 512 MiB)",
  1,
);

/** Default of `--ci-download-cap`. */
export const CI_DOWNLOAD_CAP = 512 << 20;

/** `--repo-concurrency <n>`: repositories an organization scan (github:, gitlab:) clones and reads at once. */
export const repoConcurrency = countField(
  "<n>",
  "repositories an organization scan clones and reads at once (default 3)",
  1,
);

/** Default of `--repo-concurrency`. */
export const REPO_CONCURRENCY = 3;
