/**
 * Issue 16, "a user rule `(a+)+$` on a 50 KB line": the loader refuses a rule whose regex can
 * backtrack super-linearly, in one line naming the file, the rule and the quantifiers, before any
 * item is read; the same folder with the rule fixed scans the 50 KB line and finds its sibling.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acmeKey, RULES } from "../helpers/acme.js";
import { cli } from "../helpers/cli.js";

const SLOW = {
  id: "zslow.rule",
  provider: "zslow",
  description: "A rule that backtracks.",
  keywords: ["aaaa"],
  pattern: "x(?<secret>(a+)+)$",
  examples: ["xaaaa"],
  counterexamples: ["b"],
};

/** A folder with a 50 KB line of `a`s, a sibling holding an Acme key, and a rules folder. */
function setup(rule: object): { dir: string; key: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-hostile-rule-"));
  mkdirSync(path.join(dir, "rules"));
  mkdirSync(path.join(dir, "data"));
  writeFileSync(path.join(dir, "rules", "slow.yaml"), JSON.stringify([rule]));
  writeFileSync(path.join(dir, "data", "long.txt"), `x${"a".repeat(50_000)}!\n`);
  const key = acmeKey(16);
  writeFileSync(path.join(dir, "data", "good.env"), `ACME_KEY=${key}\n`);
  return { dir, key };
}

describe("a user rule that backtracks super-linearly", () => {
  it("is refused on load in one line, exit 2", async () => {
    const { dir, key } = setup(SLOW);
    const r = await cli(["scan", "--detectors", "rules", "--detectors", RULES, "data"], { cwd: dir });
    expect(r.code).toBe(2);
    const said = (r.err + r.out).trim();
    expect(said.split("\n")).toHaveLength(1);
    expect(said).toMatch(
      /slow\.yaml: detector "zslow.rule": pattern can backtrack super-linearly: nested unbounded quantifiers/,
    );
    expect(said).not.toMatch(/^\s+at /m);
    expect(said).not.toContain(key);
  });

  it("once bounded, scans the 50 KB line and still finds the sibling's key", async () => {
    const { dir, key } = setup({ ...SLOW, pattern: "x(?<secret>a{4,64})$" });
    const r = await cli(["scan", "--detectors", "rules", "--detectors", RULES, "-f", "json", "data"], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      findings: { ruleId: string }[];
      errors: unknown[];
      stats: { items: number };
    };
    expect(doc.findings.map((f) => f.ruleId)).toEqual(["acme.api-key"]);
    expect(doc.errors).toEqual([]);
    expect(doc.stats.items).toBe(2);
    expect(r.out + r.err).not.toContain(key);
  });
});
