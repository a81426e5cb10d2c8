/**
 * The full check of one rule, as `residue rules test` and test/detectors.test.ts run it (and the
 * loader for a user's --detectors folders): lint, examples match through the real engine,
 * counterexamples don't, keywords occur in examples, entropy met. Problems are plain sentences.
 */

import { shannonEntropy } from "../match/entropy.js";
import { pathTest, samplePath } from "../match/paths.js";
import { compilePatterns, type PatternMatcher } from "../match/patterns.js";
import { isPlaceholder } from "../match/placeholder.js";
import { validators } from "../match/validators/index.js";
import { backtrackingProblem } from "./backtracking.js";
import type { DetectorRule } from "./types.js";

/** Classes that match almost anything (outside a character class, or as the whole class). */
const BROAD_ATOMS = new Set([
  ".",
  "\\S",
  "\\W",
  "\\D",
  "[\\s\\S]",
  "[\\S\\s]",
  "[\\w\\W]",
  "[\\d\\D]",
  "[^\\n]",
  "[^\\r\\n]",
]);
const UNBOUNDED = /^(?:\*|\+|\{\d+,\})/;

/** Lint problems of a pattern (empty when fine): unbounded repeats of broad classes cost O(n²). */
export function lintPattern(pattern: string): string[] {
  for (let i = 0; i < pattern.length; ) {
    let atom: string;
    if (pattern[i] === "\\") atom = pattern.slice(i, i + 2);
    else if (pattern[i] === "[") {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      atom = pattern.slice(i, j + 1);
    } else atom = pattern[i]!;
    i += atom.length;
    const q = UNBOUNDED.exec(pattern.slice(i));
    if (q && BROAD_ATOMS.has(atom))
      return [`pattern has an unbounded "${atom}${q[0]}": bound it (e.g. {0,200}) so cost stays linear`];
  }
  return [];
}

/** Why an example failed to match, when the engine found nothing. */
function diagnose(rule: DetectorRule, example: string, n: number): string {
  const lower = example.toLowerCase();
  if (rule.keywords.length && !rule.keywords.some((k) => lower.includes(k)))
    return `example ${n} contains none of the keywords`;
  const m = new RegExp(rule.pattern, `d${rule.flags ?? ""}`).exec(example);
  const value = m ? m.groups?.secret : undefined;
  if (!m) return `example ${n} does not match the pattern`;
  if (!value) return `example ${n}: the secret group is empty`;
  if (rule.entropy !== undefined && shannonEntropy(value) < rule.entropy)
    return `example ${n}: secret entropy ${shannonEntropy(value).toFixed(2)} is below ${rule.entropy}`;
  if (isPlaceholder(value)) return `example ${n}: the secret looks like a placeholder`;
  const failed = (rule.validators ?? []).find((v) => !validators[v]?.(value, m.groups ?? {}));
  if (failed) return `example ${n}: validator "${failed}" rejects it`;
  return `example ${n} does not match`;
}

/** A path on which a rule's examples are checked: one of its `paths` made plain, or none. */
export function examplePath(rule: DetectorRule): string | undefined {
  return rule.paths?.length ? samplePath(rule.paths[0]!) : undefined;
}

/** Path rules: the first glob must give a plain example path, and the rule must keep off others. */
function pathProblems(rule: DetectorRule, matcher: PatternMatcher): string[] {
  if (!rule.paths) return [];
  if (examplePath(rule) === undefined)
    return [`paths: no plain path matches "${rule.paths[0]}"; put a simpler glob first`];
  const elsewhere = "residue-check/unrelated.bin";
  if (pathTest(rule.paths)(elsewhere)) return [];
  const i = rule.examples.findIndex((ex) => matcher.find(ex, elsewhere).length);
  return i === -1 ? [] : [`example ${i + 1} matches outside the rule's paths`];
}

/** Every problem of one rule (empty when it passes). Indices in messages are 1-based. */
export function checkRule(rule: DetectorRule): string[] {
  const problems = [...lintPattern(rule.pattern)];
  const slow = backtrackingProblem(rule.pattern, rule.flags);
  if (slow) problems.push(slow);
  if (!rule.pattern.includes("(?<secret>")) problems.push("pattern has no (?<secret>…) group");
  let matcher: PatternMatcher;
  try {
    matcher = compilePatterns([rule]);
  } catch (err) {
    return [...problems, err instanceof Error ? err.message : String(err)];
  }
  const at = examplePath(rule);
  const found = (text: string) => matcher.find(text, at).length > 0;
  rule.examples.forEach((ex, i) => {
    if (!found(ex)) problems.push(diagnose(rule, ex, i + 1));
  });
  (rule.samples ?? []).forEach((s, i) => {
    if (!found(s.text)) problems.push(diagnose(rule, s.text, i + 1).replace(/^example/, "sample"));
  });
  rule.counterexamples.forEach((ex, i) => {
    if (found(ex)) problems.push(`counterexample ${i + 1} matches`);
  });
  problems.push(...pathProblems(rule, matcher));
  const lowered = rule.examples.map((e) => e.toLowerCase());
  for (const k of rule.keywords)
    if (!lowered.some((e) => e.includes(k))) problems.push(`keyword "${k}" occurs in no example`);
  return problems;
}
