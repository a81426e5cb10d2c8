/**
 * Pairs multi-part credentials: a spec's `requires` names companion rules (Twilio account SID,
 * AWS secret access key); the companion is the nearest secret of that rule in the same group
 * (the same file, commit blob, message or issue field; for `residue verify`, the same input).
 */
import { requiredParts, type Spec } from "./spec.js";
import type { VerifyInput } from "./verifier.js";

/** A secret found by a rule, with where it sits. */
export interface PlanItem {
  ruleId: string;
  value: string;
  group: string;
  line: number;
  column?: number;
}

/** What to check for one item, and which other items supplied its parts. */
export interface PlannedCheck {
  input: VerifyInput;
  companions: number[];
}

/** For each item, the check to run (undefined when its rule has no spec). */
export function planChecks(items: PlanItem[], specs: Map<string, Spec>): (PlannedCheck | undefined)[] {
  const byGroup = new Map<string, number[]>();
  items.forEach((it, i) => {
    const list = byGroup.get(it.group);
    if (list) list.push(i);
    else byGroup.set(it.group, [i]);
  });
  return items.map((it) => {
    const spec = specs.get(it.ruleId);
    if (!spec) return undefined;
    const parts: Record<string, string> = {};
    const companions: number[] = [];
    for (const [name, sources] of requiredParts(spec)) {
      const j = nearest(it, byGroup.get(it.group) ?? [], items, new Set(sources));
      if (j === undefined) continue;
      parts[name] = items[j]!.value;
      companions.push(j);
    }
    return { input: { spec, secret: it.value, parts }, companions };
  });
}

/** The index of the closest item (by line, then column) of one of the rules, if any. */
function nearest(from: PlanItem, group: number[], items: PlanItem[], rules: Set<string>): number | undefined {
  let best: number | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const j of group) {
    const c = items[j]!;
    if (!rules.has(c.ruleId)) continue;
    const dist = Math.abs(c.line - from.line) * 1e6 + Math.abs((c.column ?? 0) - (from.column ?? 0));
    if (dist < bestDist) {
      bestDist = dist;
      best = j;
    }
  }
  return best;
}
