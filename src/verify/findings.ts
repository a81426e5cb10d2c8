/**
 * `scan --verify`: adds `verification` to each exact pattern finding whose rule has a spec, and
 * to the findings that supplied its companion parts (the AWS secret key is the sensitive half).
 */
import { containerKey } from "../findings.js";
import type { Finding } from "../types.js";
import type { Verification } from "./classify.js";
import { type PlanItem, planChecks } from "./plan.js";
import type { Spec } from "./spec.js";
import type { Verifier } from "./verifier.js";

/** Whether a finding can be checked at all (exact pattern copy of a rule with a spec). */
export function isVerifiable(f: Finding, specs: Map<string, Spec>): boolean {
  return f.kind === "pattern" && f.match === "exact" && !!f.ruleId && specs.has(f.ruleId);
}

/** Verifies the verifiable findings in place and returns the same list. */
export async function verifyFindings(
  findings: Finding[],
  specs: Map<string, Spec>,
  verifier: Verifier,
): Promise<Finding[]> {
  const pool = findings.filter((f) => f.kind === "pattern" && f.match === "exact" && f.ruleId);
  const items: PlanItem[] = pool.map((f) => ({
    ruleId: f.ruleId!,
    value: f.secret.reveal(),
    group: containerKey(f.provenance),
    line: f.line,
    column: f.column,
  }));
  const plans = planChecks(items, specs);
  await Promise.all(
    plans.map(async (plan, i) => {
      if (!plan) return;
      const v = await verifier.verify(plan.input);
      attach(pool[i]!, v);
      for (const j of plan.companions) attach(pool[j]!, v);
    }),
  );
  return findings;
}

const RANK = { unknown: 0, revoked: 1, live: 2 } as const;

/** Sets a verification; the strongest conclusion wins (a key live in one pair is live). */
function attach(f: Finding, v: Verification): void {
  if (!f.verification || RANK[v.status] > RANK[f.verification.status]) f.verification = v;
}
