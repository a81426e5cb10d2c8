import type { DetectorRule } from "../../src/detectors/types.js";

/** A rule with defaults (provider from the id, severity medium); only what a test cares about is given. */
export function rule(
  over: Partial<DetectorRule> & Pick<DetectorRule, "id" | "pattern" | "keywords">,
): DetectorRule {
  return {
    provider: over.id.split(".")[0]!,
    description: "test rule",
    severity: "medium",
    tags: [],
    examples: ["x"],
    counterexamples: ["y"],
    ...over,
  };
}
