/**
 * Confidence of a pattern finding (issue 18, "confidence instead of silence"). A rule's base:
 * what it states, else high for a token whose own text carries its structure (a literal prefix
 * such as `ghp_` or `AKIA`, a checksum, a JWT header) and medium for the rest (keyword-gated
 * provider rules, generic rules, URL credentials). Then low for what is documentation or test
 * data: a published sample value, a test credential (`user:pass`, also base64-encoded), a URL
 * whose host is a reserved example domain or localhost, a value without a provider (generic
 * rules, passwords, connection strings) in a test or docs path.
 * Where a high-confidence token sits never lowers it: real keys get committed in tests too.
 */
import type { DetectorRule } from "../detectors/types.js";
import type { Confidence, RawMatch } from "../types.js";
import { secretPrefixes } from "./anchors.js";
import { base64Text } from "./base64-text.js";
import { isReservedHost } from "./reserved-host.js";
import { SAMPLE_VALUES, TEST_WORDS } from "./sample-values.js";

/** Validators whose pass proves a token's structure. */
const STRUCTURAL = new Set(["github-checksum", "jwt"]);

/** Tags of rules for credentials without a provider (passwords, connection strings). */
const NON_PROVIDER_TAGS = new Set(["generic", "password", "connection-string"]);

/** Whether a rule finds credentials without a provider: their test and docs copies are low. */
export function isNonProviderRule(rule: DetectorRule): boolean {
  return rule.provider === "generic" || rule.tags.some((t) => NON_PROVIDER_TAGS.has(t));
}

/**
 * Whether a rule's pattern is a password's place in a file format (tagged `password`, not a URL
 * or connection string, which prose and docs write with made-up values all the time).
 */
export function isPasswordSlotRule(rule: DetectorRule): boolean {
  return rule.tags.includes("password") && !rule.tags.some((t) => t === "url" || t === "connection-string");
}

/**
 * The confidence a rule's matches start from (`prefixes`: the literals its secret starts with;
 * null: none, already known, e.g. from the compiled catalog; undefined: read off the pattern).
 */
export function baseConfidence(
  rule: DetectorRule,
  generic: boolean,
  prefixes: string[] | null | undefined = secretPrefixes(rule.pattern),
): Confidence {
  if (rule.confidence) return rule.confidence;
  if (generic) return "medium";
  if (rule.validators?.some((v) => STRUCTURAL.has(v))) return "high";
  return prefixes?.every((p) => p.length >= 3) ? "high" : "medium";
}

/** Paths of tests, fixtures, examples and documentation. */
const TEST_OR_DOCS_PATH =
  /(?:^|[/\\])(?:tests?|__tests__|specs?|testdata|test[-_]data|fixtures?|__fixtures__|mocks?|__mocks__|examples?|samples?|docs?|documentation)[/\\]|(?:^|[/\\])(?:test_[^/\\]*|[^/\\]*[._-](?:test|tests|spec)\.[a-z0-9]+|[^/\\]*Tests?\.[a-z]+|README[^/\\]*|CHANGELOG[^/\\]*|[^/\\]*\.(?:md|mdx|markdown|rst|adoc))$/;

/** Whether an item path is a test, fixture, example or documentation file. */
export function isTestOrDocsPath(path: string): boolean {
  return TEST_OR_DOCS_PATH.test(path);
}

/** Characters that end a URL in prose, config and code. */
const URL_END = new Set([..." \t\r\n\"'`<>(){}\\,;|"]);

/** The host of the URL the text[start, end) sits in, if it sits in one. */
export function hostAround(text: string, start: number, end: number): string | undefined {
  let s = start;
  for (let n = 0; s > 0 && n < 2048 && !URL_END.has(text[s - 1]!); n++) s--;
  const scheme = text.indexOf("://", s);
  if (scheme === -1 || scheme >= start) return undefined;
  let e = end;
  for (let n = 0; e < text.length && n < 2048 && !URL_END.has(text[e]!); n++) e++;
  const authority = text.slice(scheme + 3, e).split(/[/?#]/, 1)[0]!;
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
}

/** `user:pass`, `admin`, `foo:bar`: a value made of test words only. */
function isTestCredential(value: string): boolean {
  const parts = value.split(":");
  return parts.length <= 2 && parts.every((p) => TEST_WORDS.has(p.toLowerCase()));
}

/** Whether a value is documentation or test data whatever rule found it. */
export function isSampleValue(value: string): boolean {
  if (SAMPLE_VALUES.has(value) || isTestCredential(value)) return true;
  const decoded = base64Text(value);
  return decoded !== undefined && (SAMPLE_VALUES.has(decoded) || isTestCredential(decoded));
}

/** A match's confidence, from its rule's base, its value, the URL it sits in and the item's path. */
export function rate(
  base: Confidence,
  nonProvider: boolean,
  m: RawMatch,
  text: string,
  path: string | undefined,
): Confidence {
  // a made-up value in a token's exact format was already marked low by the rule (rule.ts)
  if (base === "low" || m.confidence === "low" || isSampleValue(m.value)) return "low";
  if (base === "high") return "high";
  const host = m.context?.host ?? hostAround(text, m.start, m.end);
  if (host !== undefined && isReservedHost(host)) return "low";
  if (nonProvider && path !== undefined && isTestOrDocsPath(path)) return "low";
  return base;
}
