/** Option fields shared by several sources (one object each, so the CLI shows one flag). */
import { z } from "zod";
import { countField, listField } from "../../option-fields.js";

/** `--exclude <glob>`: paths the walk skips. */
export const exclude = listField("<glob>", "skip paths matching the glob (repeatable)");

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
