/**
 * `residue verify`'s core: each input secret gets its provider from the pattern rules (run on
 * `NAME=value` when the input names it, so keyword-anchored rules such as the AWS secret key
 * match), then one check; the parts of a multi-part credential pair up across the inputs.
 */
import type { DetectorRule } from "../detectors/types.js";
import type { RawMatch, TextMatcher } from "../types.js";
import type { VerificationStatus } from "./classify.js";
import { type PlanItem, planChecks } from "./plan.js";
import { requiredParts, type Spec } from "./spec.js";
import type { Verifier } from "./verifier.js";

/** One secret to check, as read from input. */
export interface SecretToCheck {
  id?: string;
  value: string;
}

/** One line of `residue verify -f json`. */
export interface SecretResult {
  id: string;
  provider: string | null;
  ruleId?: string;
  status: VerificationStatus;
  detail: string;
}

/** The match standing for the whole input: the one equal to the value, else the longest. */
function bestMatch(
  input: SecretToCheck,
  matcher: TextMatcher,
  specs: Map<string, Spec>,
): RawMatch | undefined {
  const prefix = input.id ? `${input.id}=` : "";
  const found = matcher
    .find(`${prefix}${input.value}`)
    .filter((m) => m.kind === "pattern" && m.ruleId && m.start >= prefix.length);
  const score = (m: RawMatch) =>
    (m.value === input.value ? 4 : 0) + (specs.has(m.ruleId!) ? 2 : 0) + m.value.length / 1e6;
  return found.sort((a, b) => score(b) - score(a))[0];
}

/** Why an input no rule matches is not checked: unknown, or a parameter (`env:` part) of a check. */
function unmatched(id: string | undefined, specs: Map<string, Spec>): string {
  for (const spec of specs.values())
    for (const [name, sources] of requiredParts(spec))
      if (id && sources.includes(`env:${id}`))
        return `not a secret to check: the ${name} of ${spec.provider} checks`;
  return "no rule recognises it; not checked";
}

/** Inputs named like environment variables, for the `env:` parts of checks (TWILIO_ACCOUNT_SID). */
export function inputsAsEnv(inputs: SecretToCheck[]): Record<string, string> {
  return Object.fromEntries(
    inputs.filter((i) => i.id && /^[A-Za-z_][A-Za-z0-9_]*$/.test(i.id)).map((i) => [i.id, i.value]),
  );
}

/** Detects, pairs and verifies each input; results are in input order. */
export async function verifySecrets(
  inputs: SecretToCheck[],
  rules: DetectorRule[],
  matcher: TextMatcher,
  specs: Map<string, Spec>,
  verifier: Verifier,
): Promise<SecretResult[]> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const matches = inputs.map((input) => bestMatch(input, matcher, specs));
  const idx: number[] = [];
  const items: PlanItem[] = [];
  matches.forEach((m, i) => {
    if (!m) return;
    idx.push(i);
    items.push({ ruleId: m.ruleId!, value: m.value, group: "input", line: i });
  });
  const results: SecretResult[] = inputs.map((input, i) => {
    const m = matches[i];
    const rule = m ? byId.get(m.ruleId!) : undefined;
    return {
      id: input.id ?? `#${i + 1}`,
      provider: rule?.provider ?? null,
      ...(m && { ruleId: m.ruleId }),
      status: "unknown",
      detail: m ? `${m.ruleId}: no liveness check for this rule` : unmatched(input.id, specs),
    };
  });
  const plans = planChecks(items, specs);
  await Promise.all(
    plans.map(async (plan, k) => {
      if (!plan) return;
      const v = await verifier.verify(plan.input);
      const set = (i: number) => Object.assign(results[i]!, { status: v.status, detail: v.detail });
      set(idx[k]!);
      results[idx[k]!]!.provider = plan.input.spec.provider;
      // a companion without a check of its own (the AWS secret key) shares its pair's result
      for (const j of plan.companions) if (!plans[j]) set(idx[j]!);
    }),
  );
  return results;
}
