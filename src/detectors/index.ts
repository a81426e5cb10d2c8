/** The detector catalog: loading detectors/*.yaml and selecting rules (issue #4). */
import type { DetectorRule } from "./types.js";

/** Loads the built-in catalog plus the user's folders; throws DetectorError on a bad rule. */
export async function loadCatalog(extraDirs: string[] = []): Promise<DetectorRule[]> {
  void extraDirs; // TODO(#4): load and validate detectors/*.yaml
  return [];
}

/** Selects rules by `all`, `none`, or a list of rule ids or tags. */
export function selectRules(rules: DetectorRule[], spec: "all" | "none" | string[]): DetectorRule[] {
  if (spec === "all") return rules;
  if (spec === "none") return [];
  const wanted = new Set(spec);
  return rules.filter((r) => wanted.has(r.id) || r.tags.some((t) => wanted.has(t)) || wanted.has(r.provider));
}
