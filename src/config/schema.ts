/**
 * The configuration file's shape (`residue.config.yaml` or `.residue.yaml`), validated with zod.
 * The fields a sweep config shares (rules, manifests) are the same zod definitions in both.
 */
import { z } from "zod";

/** Pattern rules to run: all, none, or rule ids and tags (shared with the sweep config). */
export const rulesField = z
  .union([z.enum(["all", "none"]), z.array(z.string().min(1)).min(1)])
  .describe("pattern rules: all, none, or a list of rule ids or tags");

/** Fingerprint manifests (shared with the sweep config); paths are relative to the file. */
export const manifestsField = z
  .array(z.string().min(1))
  .describe("fingerprint manifests of compromised secrets, relative to this file");

/** What a finding may be allowed by: its path, its secret's text or the exact value. */
const AllowSchema = z
  .object({
    paths: z
      .array(z.string().min(1))
      .optional()
      .describe("globs: without a slash they match a file's name, with one its path from this file's folder"),
    regexes: z
      .array(
        z
          .string()
          .min(1)
          .refine((s) => {
            try {
              new RegExp(s);
              return true;
            } catch {
              return false;
            }
          }, "not a valid regular expression"),
      )
      .optional()
      .describe("regular expressions (JavaScript) tested against each pattern-found secret"),
    values: z
      .array(z.string().min(1))
      .optional()
      .describe("exact values that are known not to be secrets (test fixtures, documentation samples)"),
  })
  .strict();

/** The configuration file's zod schema (also the source of its published JSON Schema). */
export const ConfigSchema = z
  .object({
    $schema: z.string().optional().describe("the JSON Schema of this file"),
    targets: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe("what `residue scan` scans when no target is named (paths relative to this file)"),
    manifests: manifestsField.optional(),
    rules: rulesField.optional(),
    minConfidence: z
      .enum(["low", "medium", "high"])
      .optional()
      .describe("the least confidence a pattern finding needs to be reported (default medium)"),
    exclude: z.array(z.string().min(1)).optional().describe("globs of paths never read (as --exclude)"),
    allow: AllowSchema.optional().describe("findings to drop: by path, by the secret's text, by value"),
    format: z
      .enum(["text", "json", "jsonl", "sarif", "html"])
      .optional()
      .describe("the report format (as -f)"),
    output: z.string().min(1).optional().describe("the report file (as -o), relative to this file"),
  })
  .strict()
  .describe("residue configuration");

/** The configuration as written. */
export type ConfigInput = z.infer<typeof ConfigSchema>;

/** The JSON Schema of the configuration file, as published in schema/residue.config.schema.json. */
export function configJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(ConfigSchema, { io: "input" }), title: "residue configuration" };
}
