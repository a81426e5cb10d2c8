/** Option fields shared by several sources (one object each, so the CLI shows one flag). */
import { z } from "zod";
import { listField } from "../../option-fields.js";

/** `--exclude <glob>`: paths the walk skips. */
export const exclude = listField("<glob>", "skip paths matching the glob (repeatable)");

/** The query of a target that takes none. */
export const noQuery = z.object({}).strict();
