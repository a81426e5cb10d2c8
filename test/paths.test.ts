/** Path-aware rules: `paths` globs gate a rule to some items; keywordless rules run on those items whole. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkRule, examplePath } from "../src/detectors/check.js";
import { loadRuleDir } from "../src/detectors/index.js";
import type { DetectorRule } from "../src/detectors/types.js";
import { itemPath, pathTest, samplePath } from "../src/match/paths.js";
import { compilePatterns } from "../src/match/patterns.js";
import { cli } from "./helpers/cli.js";

const KEY = "4f9d1c7be2a80356d4c19e7fa2b03c58";

const masterKey: DetectorRule = {
  id: "zrails.master-key",
  provider: "zrails",
  description: "Zrails master key file: decrypts the credentials file.",
  keywords: [],
  paths: ["master.key", "config/credentials/*.key"],
  pattern: "^(?<secret>[0-9a-f]{32})\\s*$",
  entropy: 3,
  severity: "critical",
  tags: ["framework"],
  examples: [KEY],
  counterexamples: ["0000"],
};

describe("path globs", () => {
  it.each([
    [["master.key"], "config/master.key", true],
    [["master.key"], "/abs/app/config/master.key", true],
    [["master.key"], "config/master.key.bak", false],
    [["*.key"], "deploy.key", true],
    [["etc/shadow"], "rootfs/etc/shadow", true],
    [["/etc/shadow"], "/etc/shadow", true],
    [["etc/shadow"], "etc/shadow-", false],
    [["master.key"], "release.zip!app/config/master.key", true],
    [["config/*.key"], "C:\\app\\config\\prod.key", true],
  ] as const)("case %# matches as expected", (globs, p, ok) => {
    expect(pathTest(globs)(p)).toBe(ok);
  });

  it("reads an archive member's own path", () => {
    expect(itemPath("a.zip!b.tar!dir/file")).toBe("dir/file");
  });

  it("makes a plain path from a glob, or says it cannot", () => {
    expect(samplePath("**/config/*.key")).toBe("config/sample.key");
    expect(samplePath("{.env,.env.local}")).toBe(".env");
    expect(samplePath("key[^0-9]")).toBeUndefined();
  });
});

describe("a rule with paths", () => {
  const matcher = compilePatterns([masterKey]);

  it("runs without keywords on its paths only", () => {
    expect(matcher.find(`${KEY}\n`, "config/master.key").map((m) => m.value)).toEqual([KEY]);
    expect(matcher.find(`${KEY}\n`, "config/credentials/production.key")).toHaveLength(1);
    expect(matcher.find(`${KEY}\n`, "notes/master.txt")).toEqual([]);
    expect(matcher.find(`${KEY}\n`)).toEqual([]);
  });

  it("with keywords, is gated by both", () => {
    const rule = {
      ...masterKey,
      id: "zrails.kw",
      keywords: ["key:"],
      pattern: "key: (?<secret>[0-9a-f]{32})",
    };
    const m = compilePatterns([rule]);
    expect(m.find(`key: ${KEY}`, "app/master.key")).toHaveLength(1);
    expect(m.find(`key: ${KEY}`, "app/other.yml")).toEqual([]);
    expect(m.find(`nothing: ${KEY}`, "app/master.key")).toEqual([]);
  });

  it("is checked on a path made from its first glob", () => {
    expect(examplePath(masterKey)).toBe("master.key");
    expect(checkRule(masterKey)).toEqual([]);
    expect(checkRule({ ...masterKey, paths: ["key[^0-9]"] })).toContainEqual(
      expect.stringMatching(/no plain path matches "key\[\^0-9\]"/),
    );
  });

  it("must have keywords or paths", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-paths-"));
    writeFileSync(path.join(dir, "z.yaml"), JSON.stringify([{ ...masterKey, paths: undefined }]));
    await expect(loadRuleDir(dir, true)).rejects.toThrow(
      /field "keywords": needs at least one keyword \(or paths\)/,
    );
  });

  it("finds the key file in a folder scan, and not the same text elsewhere", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-paths-"));
    const rules = path.join(dir, "rules");
    mkdirSync(rules);
    writeFileSync(path.join(rules, "z.yaml"), JSON.stringify([masterKey]));
    for (const f of ["app/config/master.key", "app/notes/master.txt"]) {
      mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
      writeFileSync(path.join(dir, f), `${KEY}\n`);
    }
    const r = await cli(["scan", "--detectors", rules, "--rules", "zrails", "-f", "json", "app"], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { findings: { location: { path: string } }[] };
    const paths = doc.findings.map((f) => f.location.path.split(path.sep).join("/"));
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/app\/config\/master\.key$/);
    expect(r.out).not.toContain(KEY);
  });
});
