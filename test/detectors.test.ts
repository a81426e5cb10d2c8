/**
 * Every detector of the catalog (and the fixture rules), checked as data: a new detector needs
 * data, not test code. Test names use indices, never example text (DECISIONS.md 3 and 16).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkRule, examplePath, lintPattern } from "../src/detectors/check.js";
import { loadBuiltinCatalog, loadRuleDir } from "../src/detectors/index.js";
import { RULE_ID } from "../src/detectors/schema.js";
import { shannonEntropy } from "../src/match/entropy.js";
import { compilePatterns, compileRule } from "../src/match/patterns.js";

const catalog = await loadBuiltinCatalog();
const fixtures = await loadRuleDir(path.join(import.meta.dirname, "../fixtures/detectors"));
const all = [...catalog, ...fixtures];

describe("the catalog as a whole", () => {
  it("has unique ids", () => {
    const ids = all.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("has rules to check", () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it("covers at least 500 providers, each built-in rule with a sample not made from its regex", () => {
    expect(new Set(catalog.map((r) => r.provider)).size).toBeGreaterThanOrEqual(500);
    expect(catalog.filter((r) => !r.samples?.some((s) => s.from.trim())).map((r) => r.id)).toEqual([]);
  });
});

describe.each(all)("$id", (rule) => {
  it("has a well-formed id, a secret group and a compiling pattern", () => {
    expect(rule.id).toMatch(RULE_ID);
    expect(rule.pattern).toContain("(?<secret>");
    expect(() => compileRule(rule)).not.toThrow();
  });

  it("has at least one example and one counterexample", () => {
    expect(rule.examples.length).toBeGreaterThan(0);
    expect(rule.counterexamples.length).toBeGreaterThan(0);
  });

  it("passes the pattern lint", () => {
    expect(lintPattern(rule.pattern)).toEqual([]);
  });

  it("passes the full rule check", () => {
    expect(checkRule(rule)).toEqual([]);
  });

  const compiled = compilePatterns([rule]);
  const at = examplePath(rule);
  const matcher = { find: (text: string) => compiled.find(text, at) };
  it.each(rule.examples.map((e, i) => [i, e] as const))("example %i matches", (_i, text) => {
    expect(matcher.find(text).length).toBeGreaterThan(0);
  });

  it.each((rule.samples ?? []).map((s, i) => [i, s.text] as const))("sample %i matches", (_i, text) => {
    expect(matcher.find(text).length).toBeGreaterThan(0);
  });

  it.each(rule.counterexamples.map((e, i) => [i, e] as const))(
    "counterexample %i does not match",
    (_i, text) => {
      expect(matcher.find(text)).toHaveLength(0);
    },
  );

  it.each(rule.keywords.map((k, i) => [i, k] as const))("keyword %i occurs in an example", (_i, k) => {
    expect(rule.examples.some((e) => e.toLowerCase().includes(k))).toBe(true);
  });

  it("meets its entropy bound in every example", () => {
    const values = rule.examples.flatMap((e) => matcher.find(e).map((m) => m.value));
    expect(values.length).toBeGreaterThanOrEqual(rule.examples.length);
    for (const v of values) expect(shannonEntropy(v)).toBeGreaterThanOrEqual(rule.entropy ?? 0);
  });
});
