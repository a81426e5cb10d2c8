/** --save-manifest (pattern-found secrets become fingerprints) and pattern matches in decoded views. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acmeKey, RULES } from "./helpers/acme.js";
import { cli } from "./helpers/cli.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-save-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

type JsonFinding = {
  kind: string;
  ruleId?: string;
  secretId?: string;
  form: string;
  location: { line: number };
};

describe("--save-manifest", () => {
  it("adds every pattern-found secret as a fingerprint, so the next scan hunts its copies", async () => {
    const key = acmeKey(11);
    const repo = folder({ "a.env": `ACME_KEY=${key}\nAGAIN=${key}\n` });
    const first = await cli(
      ["scan", ".", "--detectors", RULES, "--save-manifest", "found.json", "-f", "json"],
      { cwd: repo },
    );
    expect(first.code).toBe(1);
    const manifest = readFileSync(path.join(repo, "found.json"), "utf8");
    expect(manifest).not.toContain(key);
    expect(manifest).not.toContain(key.slice(10, 26));
    expect(manifest).toMatch(/"acme\.api-key-[0-9a-f]{8}"/);
    const elsewhere = folder({ "chat.log": `10:02 bob: try ${key} now\n` });
    const second = await cli(["scan", ".", "-m", path.join(repo, "found.json"), "-f", "json"], {
      cwd: elsewhere,
    });
    expect(second.code).toBe(1);
    const found = (JSON.parse(second.out) as { findings: JsonFinding[] }).findings;
    expect(found.map((f) => [f.kind, f.secretId?.startsWith("acme.api-key-")])).toEqual([["known", true]]);
  });
});

describe("pattern rules over decoded views", () => {
  it("finds a base64-wrapped token and reports form base64", async () => {
    const wrapped = Buffer.from(`{"acme":"${acmeKey(12)}"}`).toString("base64");
    const dir = folder({ "secret.yaml": `kind: Secret\ndata:\n  config: ${wrapped}\n` });
    const r = await cli(["scan", ".", "--detectors", RULES, "-f", "json"], { cwd: dir });
    const found = (JSON.parse(r.out) as { findings: JsonFinding[] }).findings;
    expect(found.map((f) => [f.ruleId, f.form, f.location.line])).toEqual([["acme.api-key", "base64", 3]]);
  });
});
