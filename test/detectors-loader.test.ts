/** The detector loader: each kind of bad rule fails with a DetectorError naming file, rule and problem. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintPattern } from "../src/detectors/check.js";
import { loadCatalog, loadRuleDir, loadRuleFile, selectRules } from "../src/detectors/index.js";
import { DetectorError } from "../src/errors.js";

const GOOD = {
  id: "zeta.key",
  provider: "zeta",
  description: "Zeta key.",
  keywords: ["zeta_"],
  pattern: "\\b(?<secret>zeta_[A-Za-z0-9]{20})\\b",
  tags: ["api"],
  examples: ["k=zeta_Q2h8xW1pL0vR7tY3nB5m"],
  counterexamples: ["k=zeta_<your key>"],
};

/** Writes rules as YAML (JSON is YAML) into a fresh folder and returns the folder. */
function ruleDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-rules-"));
  for (const [name, body] of Object.entries(files))
    writeFileSync(path.join(dir, name), typeof body === "string" ? body : JSON.stringify(body));
  return dir;
}

async function failure(dir: string): Promise<DetectorError> {
  const err = await loadRuleDir(dir, true).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DetectorError);
  return err as DetectorError;
}

const bad: [string, unknown, RegExp][] = [
  ["invalid YAML", "- id: [unclosed", /z\.yaml: invalid YAML/],
  ["a file that is not a list", { id: "x" }, /expected a list of rules/],
  ["a missing field", [{ ...GOOD, keywords: undefined }], /detector "zeta.key": field "keywords"/],
  [
    "a bad id",
    [{ ...GOOD, id: "Zeta Key" }],
    /detector "Zeta Key": field "id": must look like provider.kind/,
  ],
  ["an upper-case keyword", [{ ...GOOD, keywords: ["ZETA_"] }], /field "keywords.0": must be lower-case/],
  ["a pattern that does not compile", [{ ...GOOD, pattern: "(?<secret>[a-" }], /pattern does not compile/],
  [
    "a pattern without a secret group",
    [{ ...GOOD, pattern: "zeta_[A-Za-z0-9]{20}" }],
    /no \(\?<secret>…\) group/,
  ],
  ["an unknown validator", [{ ...GOOD, validators: ["nope"] }], /unknown validator "nope"/],
  [
    "a pattern that backtracks super-linearly",
    [{ ...GOOD, pattern: "(?<secret>zeta_(?:[A-Za-z0-9]+)+)!" }],
    /pattern can backtrack super-linearly: nested unbounded quantifiers/,
  ],
  [
    "a named group that is not a context name",
    [{ ...GOOD, pattern: "(?<password>p[a-z]{2})=(?<secret>zeta_[A-Za-z0-9]{20})" }],
    /named group "password" is not a context name/,
  ],
  ["a flag other than i", [{ ...GOOD, flags: "s" }], /field "flags": only "i" is allowed/],
  ["an unknown field", [{ ...GOOD, counterexample: ["x"] }], /Unrecognized key: "counterexample"/],
  ["no counterexample", [{ ...GOOD, counterexamples: [] }], /needs at least one counterexample/],
  [
    "a counterexample that matches",
    [{ ...GOOD, counterexamples: [GOOD.examples[0]] }],
    /counterexample 1 matches/,
  ],
  ["an example that does not match", [{ ...GOOD, examples: ["k=zeta_short"] }], /example 1 does not match/],
  [
    "a keyword in no example",
    [{ ...GOOD, keywords: ["zeta_", "omega"] }],
    /keyword "omega" occurs in no example/,
  ],
  ["an entropy bound not met", [{ ...GOOD, entropy: 5 }], /example 1: secret entropy [\d.]+ is below 5/],
  [
    "an unbounded .* around a broad class",
    [{ ...GOOD, pattern: "zeta.*(?<secret>zeta_[A-Za-z0-9]{20})" }],
    /unbounded "\.\*"/,
  ],
];

describe("loading a bad rule", () => {
  it.each(bad.map(([name, body, re], i) => [i, name, body, re] as const))(
    "case %i (%s) fails naming file and problem",
    async (_i, _name, body, re) => {
      const err = await failure(ruleDir({ "z.yaml": body }));
      expect(err.message).toMatch(re);
      expect(err.message).toMatch(/z\.yaml: /);
    },
  );

  it("rejects an id used twice across files", async () => {
    const err = await failure(ruleDir({ "a.yaml": [GOOD], "b.yaml": [GOOD] }));
    expect(err.message).toMatch(/b\.yaml: detector "zeta.key": duplicate id \(also in .*a\.yaml\)/);
  });

  it("rejects --detectors naming something that is not a folder", async () => {
    await expect(loadCatalog([path.join(tmpdir(), "no-such-residue-dir")])).rejects.toThrow(
      /expects a folder/,
    );
  });
});

describe("lintPattern", () => {
  it("flags broad unbounded repeats but not a dot or plus inside a class", () => {
    expect(lintPattern("key=(?<secret>[A-Za-z0-9_.+/=-]{20,200})")).toEqual([]);
    expect(lintPattern("key=[^\\n]*(?<secret>x)")[0]).toMatch(/unbounded "\[\^\\n\]\*"/);
    expect(lintPattern("key=\\S+(?<secret>x)")[0]).toMatch(/unbounded "\\S\+"/);
    expect(lintPattern("key=\\.+(?<secret>x)")).toEqual([]);
  });
});

describe("loading good rules", () => {
  it("concatenates pattern fragments and defaults severity and tags", async () => {
    const dir = ruleDir({
      "z.yml": [{ ...GOOD, tags: undefined, pattern: ["\\b(?<secret>zeta_", "[A-Za-z0-9]{20})\\b"] }],
    });
    const [rule] = await loadRuleFile(path.join(dir, "z.yml"));
    expect(rule!.pattern).toBe(GOOD.pattern);
    expect(rule!.severity).toBe("medium");
    expect(rule!.tags).toEqual([]);
  });

  it("adds a user's folder to the catalog, and selects by id, tag or provider", async () => {
    const dir = ruleDir({ "z.yaml": [GOOD] });
    mkdirSync(path.join(dir, "sub"));
    const rules = await loadCatalog([dir]);
    expect(rules.map((r) => r.id)).toContain("zeta.key");
    expect(selectRules(rules, ["api"]).map((r) => r.id)).toContain("zeta.key");
    expect(selectRules(rules, ["zeta"]).map((r) => r.id)).toEqual(["zeta.key"]);
    expect(selectRules(rules, "none")).toEqual([]);
    expect(() => selectRules(rules, ["zeta", "no-such-rule"])).toThrow(
      /"no-such-rule" names no rule id, tag or provider/,
    );
  });
});
