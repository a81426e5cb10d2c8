/** Option fields shared by several sources (one object each, so the CLI shows one flag). */
import { z } from "zod";
import { listField } from "../../option-fields.js";
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
