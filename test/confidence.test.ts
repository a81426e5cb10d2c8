/** Confidence of pattern findings: structure makes high; samples, test credentials, example hosts and test paths make low. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseConfidence, hostAround, isSampleValue, isTestOrDocsPath } from "../src/match/confidence.js";
import { compilePatterns } from "../src/match/patterns.js";
import { isReservedHost } from "../src/match/reserved-host.js";
import { cli } from "./helpers/cli.js";
import { rule } from "./helpers/rule.js";

const prefixed = rule({
  id: "zeta.key",
  keywords: ["zeta_"],
  pattern: "\\b(?<secret>zeta_[A-Za-z0-9]{24})\\b",
});
const gated = rule({
  id: "omega.key",
  keywords: ["omega"],
  pattern: "omega[\\w]{0,20}[=:]\\s{0,3}(?<secret>[a-f0-9]{32})\\b",
});
const generic = rule({
  id: "generic.zkey",
  provider: "generic",
  keywords: ["zkey"],
  pattern: "zkey\\s{0,3}=\\s{0,3}(?<secret>[A-Za-z0-9]{16,64})",
  tags: ["generic"],
});
const urlCreds = rule({
  id: "zurl.credentials",
  keywords: ["://"],
  pattern: "[a-z]{2,10}://[^\\s:@/]{1,64}:(?<secret>[^\\s:@/]{4,128})@[A-Za-z0-9.-]{1,253}",
});

const TOKEN = "zeta_Q2h8xW1pL0vR7tY3nB5mK9cZ";
const VALUE = "Xr4T9qLm2VbN8sKd";

describe("a rule's base confidence", () => {
  it.each([
    [prefixed, "high"],
    [gated, "medium"],
    [generic, "medium"],
    [urlCreds, "medium"],
    [{ ...gated, validators: ["jwt"] }, "high"],
    [{ ...prefixed, confidence: "low" as const }, "low"],
  ])("case %# is %s", (r, want) => {
    expect(baseConfidence(r, r.provider === "generic")).toBe(want);
  });
});

describe("what makes a match low", () => {
  it.each([
    ["example.com", true],
    ["api.example.org", true],
    ["db.test", true],
    ["localhost", true],
    ["127.0.0.1", true],
    ["[::1]", true],
    ["example.company.io", false],
    ["github.com", false],
  ])("host %s reserved: %s", (host, want) => {
    expect(isReservedHost(host)).toBe(want);
  });

  it.each([
    ["see http://tobi:SECRET@example.com/x for it", "example.com"],
    ["https://api.acme.io:8443/v1?key=SECRET&x=1", "api.acme.io"],
    ["'postgres://u:SECRET@[::1]:5432/db'", "[::1]"],
    ["SECRET alone", undefined],
  ])("case %# finds the URL's host", (text, host) => {
    const at = text.indexOf("SECRET");
    expect(hostAround(text, at, at + 6)).toBe(host);
  });

  it.each([
    ["test/app.router.js", true],
    ["src/__tests__/x.ts", true],
    ["pkg/server_test.go", true],
    ["lib/foo.spec.ts", true],
    ["docs/setup.html", true],
    ["README.md", true],
    ["examples/auth/index.js", true],
    ["src/config.js", false],
    ["latest/app.js", false],
    ["contest.py", false],
  ])("path %s is tests or docs: %s", (p, want) => {
    expect(isTestOrDocsPath(p)).toBe(want);
  });

  it.each([
    ["2YotnFZFEjr1zCsicMWpAA", true],
    ["user:pass", true],
    [Buffer.from("admin:admin").toString("base64"), true],
    [Buffer.from("deploy:Xr4T9qLm2VbN8sKd").toString("base64"), false],
    [VALUE, false],
  ])("case %# is a sample value: %s", (v, want) => {
    expect(isSampleValue(v)).toBe(want);
  });
});

describe("confidence on matches", () => {
  const m = compilePatterns([prefixed, gated, generic, urlCreds]);
  const conf = (text: string, p?: string) => m.find(text, p).map((x) => [x.ruleId, x.confidence]);

  it("keeps a structured provider token high, even in a test file or beside an example host", () => {
    expect(conf(`K=${TOKEN}`, "test/fixtures/app.env")).toEqual([["zeta.key", "high"]]);
    expect(conf(`https://ci:${TOKEN}@example.com/x`)).toContainEqual(["zeta.key", "high"]);
  });

  it("makes a generic value low under tests or docs, medium elsewhere", () => {
    expect(conf(`zkey = ${VALUE}`, "spec/helpers.rb")).toEqual([["generic.zkey", "low"]]);
    expect(conf(`zkey = ${VALUE}`, "config/app.rb")).toEqual([["generic.zkey", "medium"]]);
    expect(conf(`omega_key: ${"9f86d081884c7d659a2feaa0c55ad015"}`, "test/a.yml")).toEqual([
      ["omega.key", "medium"],
    ]);
  });

  it("makes URL credentials low on an example host or localhost", () => {
    expect(conf(`http://tobi:${VALUE}@example.com`)).toEqual([["zurl.credentials", "low"]]);
    expect(conf(`redis://app:${VALUE}@localhost:6379`)).toEqual([["zurl.credentials", "low"]]);
    expect(conf(`https://deploy:${VALUE}@git.acme.io/a.git`)).toEqual([["zurl.credentials", "medium"]]);
  });
});

describe("--min-confidence", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-confidence-"));
  writeFileSync(
    path.join(dir, "z.yaml"),
    JSON.stringify([{ ...urlCreds, examples: [`https://d:${VALUE}@git.acme.io`] }]),
  );
  const low = `git clone http://tobi:${VALUE}@example.com/app.git\n`;
  const scanOf = (stdin: string, ...extra: string[]) =>
    cli(["scan", "--detectors", dir, "--rules", "zurl", ...extra, "-"], { stdin });

  it("leaves low findings out of the text report, counts them, and exits 0", async () => {
    const r = await scanOf(low);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("zurl.credentials");
    expect(r.out).toMatch(/1 low-confidence finding not shown \(--min-confidence low shows them\)/);
    expect(r.out).toMatch(/0 findings/);
  });

  it("shows them with --min-confidence low", async () => {
    const r = await scanOf(low, "--min-confidence", "low");
    expect(r.code).toBe(1);
    expect(r.out).toContain("zurl.credentials");
    expect(r.out).not.toContain(VALUE);
  });

  it("keeps them in JSON with their confidence", async () => {
    const r = await scanOf(`${low}https://deploy:${VALUE}@git.acme.io/a.git\n`, "-f", "json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { findings: { confidence: string }[] };
    expect(doc.findings.map((f) => f.confidence)).toEqual(["low", "medium"]);
  });

  it("leaves them out of SARIF", async () => {
    const r = await scanOf(low, "-f", "sarif");
    expect(JSON.parse(r.out).runs[0].results).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("refuses an unknown level", async () => {
    const r = await scanOf(low, "--min-confidence", "sure");
    expect(r.code).toBe(2);
  });
});
