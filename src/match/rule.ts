/**
 * One compiled rule and the gates a regex match must pass: entropy bound, placeholder filter and
 * named validators. The secret is the `secret` group; its offsets (the `d` flag) are the match's.
 */
import type { DetectorRule, RuleShape } from "../detectors/types.js";
import { DetectorError } from "../errors.js";
import type { Confidence, RawMatch, Severity } from "../types.js";
import { patternAnchors, secretPrefixes } from "./anchors.js";
import { baseConfidence, isNonProviderRule, isPasswordSlotRule } from "./confidence.js";
import { contextOf, groupNames } from "./context.js";
import { shannonEntropy } from "./entropy.js";
import type { InnerLiteral } from "./inner-literal.js";
import { type PathTest, pathTest } from "./paths.js";
import { isPlaceholder, isSampleWord, isTemplate } from "./placeholder.js";
import { patternReach } from "./reach.js";
import { type Validator, validators } from "./validators/index.js";

/** Least number of characters searched on each side of a keyword hit (then widened to whole lines). */
export const KEYWORD_WINDOW = 1024;

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** A rule ready to run. */
export interface CompiledRule {
  rule: DetectorRule;
  /** Global + indices: finds matches in a window. */
  re: RegExp;
  /** Sticky twin: re-reads a match that touched a window's end over the whole text. */
  sticky: RegExp;
  checks: Validator[];
  /** Characters to search on each side of a keyword hit. */
  reach: number;
  /** Literals every match starts with: the regex is tried only where one starts. */
  anchors?: string[];
  /** Higher wins when two rules find the same place: specific before generic, then severity. */
  rank: number;
  /** Whether the pattern has named groups besides `secret` (context to report). */
  hasContext: boolean;
  /** Whether the secret starts with a fixed prefix (`sk_live_`, `tskey-`): a token format. */
  prefixed: boolean;
  /** Literals the secret itself starts with (`ghp_`, `AKIA|ASIA`). */
  prefixes?: string[];
  /** Whether the pattern is a file format's password slot (FileZilla `<Pass>`, `.pgpass`). */
  slot: boolean;
  /** For a rule with `paths`: whether an item's path is one of them. */
  onPath?: PathTest;
  /** The confidence its matches start from. */
  confidence: Confidence;
  /** A rule for credentials without a provider (generic, passwords, connection strings). */
  nonProvider: boolean;
  /** A generic (catch-all) rule rather than a provider's format. */
  generic: boolean;
  /** Its inner literal (null: none), read the first time the rule runs. */
  inner?: InnerLiteral | null;
}

/** Whether a rule is a generic (catch-all) rule rather than a provider's token format. */
export function isGenericRule(rule: DetectorRule): boolean {
  return rule.provider === "generic" || rule.tags.includes("generic");
}

/**
 * The rule's anchors, unless one is a short literal that is not also a keyword (`cf` from
 * `(?:cloudflare|cf)`): in common text those hit everywhere, while windows around the rule's
 * keywords stay rare, so such a rule runs better in keyword windows.
 */
function usefulAnchors(rule: DetectorRule): string[] | undefined {
  const anchors = patternAnchors(rule.pattern);
  if (anchors?.some((a) => a.length < 3 && !rule.keywords.includes(a))) return undefined;
  return anchors;
}

/** Whether a provider rule's secret itself starts with literals (a token format, not a free value). */
function secretHasPrefix(rule: DetectorRule): boolean {
  const at = rule.pattern.indexOf("(?<secret>");
  return !isGenericRule(rule) && at >= 0 && patternAnchors(rule.pattern.slice(at + 10)) !== undefined;
}

/**
 * What the engine reads off a rule's pattern: computed once when the catalog is compiled (`npm
 * run build`), since reading a thousand patterns cost a scan's start-up more than its matching.
 */
export function ruleShape(rule: DetectorRule): RuleShape {
  const anchors = usefulAnchors(rule);
  const prefixes = secretPrefixes(rule.pattern);
  return { ...(anchors && { anchors }), ...(prefixes && { prefixes }), prefixed: secretHasPrefix(rule) };
}

/** Compiles one rule; throws DetectorError for a bad regex or an unknown validator. */
export function compileRule(rule: DetectorRule): CompiledRule {
  const extra = rule.flags?.includes("i") ? "i" : "";
  let re: RegExp;
  let sticky: RegExp;
  try {
    re = new RegExp(rule.pattern, `gd${extra}`);
    sticky = new RegExp(rule.pattern, `dy${extra}`);
  } catch (err) {
    const problem = `pattern does not compile: ${err instanceof Error ? err.message : String(err)}`;
    throw new DetectorError({ file: rule.file ?? "(rule)", id: rule.id, problem });
  }
  const checks = (rule.validators ?? []).map((name) => {
    const v = validators[name];
    if (!v) {
      const problem = `unknown validator "${name}" (known: ${Object.keys(validators).join(", ")})`;
      throw new DetectorError({ file: rule.file ?? "(rule)", id: rule.id, problem });
    }
    return v;
  });
  const generic = isGenericRule(rule);
  const rank = (generic ? 0 : 10) + SEVERITY_RANK[rule.severity];
  const longest =
    rule.reach === undefined ? patternReach(rule.pattern, extra) : rule.reach < 0 ? Infinity : rule.reach;
  const reach = Math.max(KEYWORD_WINDOW, longest + 64);
  const { anchors, prefixes, prefixed } = rule.shape ?? ruleShape(rule);
  const hasContext = groupNames(rule.pattern).some((n) => n !== "secret");
  const nonProvider = isNonProviderRule(rule);
  const onPath = rule.paths ? pathTest(rule.paths) : undefined;
  return {
    rule,
    re,
    sticky,
    checks,
    rank,
    reach,
    hasContext,
    prefixed,
    slot: nonProvider && !generic && isPasswordSlotRule(rule),
    confidence: baseConfidence(rule, generic, prefixes),
    nonProvider,
    generic,
    ...(anchors && { anchors }),
    ...(prefixes && { prefixes }),
    ...(onPath && { onPath }),
  };
}

/** Applies the gates to one regex match; returns the raw match or undefined. */
export function accept(c: CompiledRule, m: RegExpExecArray, base: number): RawMatch | undefined {
  const span = m.indices?.groups?.secret;
  const value = m.groups?.secret;
  if (!span || value === undefined || value.length === 0) return undefined;
  const { rule } = c;
  if (rule.entropy !== undefined && shannonEntropy(value) < rule.entropy) return undefined;
  let confidence: Confidence | undefined;
  if (isPlaceholder(value)) {
    // a made-up value in a token's exact format (sk_live_AAAA…) or in a file format's password
    // slot (`<Pass>ExamplePass1</Pass>`) is still reported, at low confidence (hidden by
    // default); template text and free-form values are dropped
    if (!(c.prefixed || (c.slot && isSampleWord(value))) || isTemplate(value)) return undefined;
    confidence = "low";
  }
  const groups = m.groups ?? {};
  for (const check of c.checks) if (!check(value, groups)) return undefined;
  const context = c.hasContext ? contextOf(groups, value) : undefined;
  return {
    start: base + span[0],
    end: base + span[1],
    kind: "pattern",
    ruleId: rule.id,
    form: "plain",
    match: "exact",
    coverage: 1,
    value,
    severity: rule.severity,
    ...(confidence && { confidence }),
    ...(context && { context }),
  };
}
