/** The shape of one entry of detectors/<provider>.yaml, validated with zod on load. */
import { z } from "zod";

/** Rule ids: `provider.kind`, lower-case words joined by dots or dashes. */
export const RULE_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

const keyword = z
  .string()
  .regex(/^[\x20-\x7e]{2,}$/, "must be 2+ printable ASCII characters")
  .refine((k) => k === k.toLowerCase(), "must be lower-case");

const text = z.string().min(1, "must not be empty");

/** One rule as written in YAML (pattern may be a list of fragments). */
export const ruleSchema = z
  .strictObject({
    id: z.string().regex(RULE_ID, "must look like provider.kind (lower-case, dots or dashes)"),
    provider: text,
    description: text,
    keywords: z.array(keyword).default([]),
    pattern: z.union([text, z.array(z.string()).min(1, "needs at least one fragment")]),
    flags: z.enum(["i"], { message: 'only "i" is allowed' }).optional(),
    entropy: z.number().min(0).max(8).optional(),
    severity: z.enum(["low", "medium", "high", "critical"]).default("medium"),
    confidence: z.enum(["low", "medium", "high"]).optional(),
    tags: z.array(text).default([]),
    examples: z.array(text).min(1, "needs at least one example"),
    counterexamples: z.array(text).min(1, "needs at least one counterexample"),
    samples: z.array(z.strictObject({ text, from: text })).optional(),
    validators: z.array(text).optional(),
    references: z.array(text).optional(),
    verify: z.record(z.string(), z.unknown()).optional(),
    paths: z.array(text).min(1, "needs at least one glob").optional(),
  })
  .refine((r) => r.keywords.length > 0 || r.paths !== undefined, {
    message: "needs at least one keyword (or paths)",
    path: ["keywords"],
  });

/** A rule entry after zod. */
export type RuleEntry = z.infer<typeof ruleSchema>;

/** The first zod issue as "field "x": message". */
export function describeIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return "invalid rule";
  const where = first.path.length ? `field "${first.path.map(String).join(".")}": ` : "";
  return `${where}${first.message}`;
}
