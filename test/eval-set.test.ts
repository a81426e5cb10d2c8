/**
 * The accuracy set of fixtures/eval/ (issue #4): deterministic, labelled consistently, and in step
 * with the catalog (every format names a rule that exists, nearly every rule has a format).
 */
import { describe, expect, it } from "vitest";

type Secret = { start: number; end: number; rule: string };
type Doc = { kind: string; family: string; text: string; secrets: Secret[] };
type Rule = { id: string; examples: string[]; counterexamples: string[] };
// The fixtures are plain .mjs dev tools; a computed specifier keeps them out of the type check.
const load = (p: string) => import(new URL(p, import.meta.url).href);
const { generate, FORMATS } = await load("../fixtures/eval/generate.mjs");
const { loadRules } = await load("../fixtures/catalog/lib.mjs");
const { githubChecksum, crc32 } = await load("../fixtures/catalog/fake.mjs");
const rules: Rule[] = loadRules();
const docs: Doc[] = generate();

describe("the eval set", () => {
  it("is the same on every run", () => {
    expect(JSON.stringify(generate())).toBe(JSON.stringify(docs));
  });

  it("has positives for most rules and a negative share of at least half", () => {
    const neg = docs.filter((d) => d.kind === "negative").length;
    expect(neg * 2).toBeGreaterThanOrEqual(docs.length);
    expect(new Set(FORMATS.map((f: { rule: string }) => f.rule)).size).toBeGreaterThanOrEqual(
      rules.length - 5,
    );
  });

  it("labels only spans that exist and rules that exist", () => {
    const ids = new Set(rules.map((r) => r.id));
    const bad = docs.flatMap((d) =>
      d.secrets.filter(
        (s) => !(s.start >= 0 && s.end > s.start && s.end <= d.text.length && ids.has(s.rule)),
      ),
    );
    expect(bad).toEqual([]);
  });

  it("puts no secret in a negative document", () => {
    expect(docs.filter((d) => d.kind === "negative" && d.secrets.length)).toEqual([]);
  });
});

describe("the fake-body helpers", () => {
  it("compute CRC-32 and GitHub's checksum as published", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(githubChecksum("")).toBe("000000");
  });
});
