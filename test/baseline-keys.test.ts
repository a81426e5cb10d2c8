/** Issue 11: a committed baseline holds slow salted fingerprints, never a fast guess-test. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acmeKey, RULES } from "./helpers/acme.js";
import { cli } from "./helpers/cli.js";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-baseline-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("baseline fingerprints", () => {
  it("entries name the rule and path, and fingerprint the secret with salted scrypt", async () => {
    const dir = project({ "a.env": `A=${acmeKey(1)}\n` });
    expect((await cli(["baseline", "create", ".", "--detectors", RULES], { cwd: dir })).code).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(dir, ".residue-baseline.json"), "utf8"));
    expect(doc).toMatchObject({ version: 2, kdf: { name: "scrypt", N: 16384, r: 8, p: 1 } });
    expect(Buffer.from(doc.salt, "base64")).toHaveLength(16);
    expect(doc.entries).toEqual([{ rule: "acme.api-key", path: "a.env", scrypt: expect.any(String) }]);
    expect(JSON.stringify(doc)).not.toContain(acmeKey(1).slice(10, 18));
  });

  it("another secret of the same rule in the same file is new", async () => {
    const dir = project({ "a.env": `A=${acmeKey(1)}\n` });
    await cli(["baseline", "create", ".", "--detectors", RULES], { cwd: dir });
    writeFileSync(path.join(dir, "a.env"), `A=${acmeKey(1)}\nB=${acmeKey(3)}\n`);
    const r = await cli(["baseline", "check", ".", "--detectors", RULES, "-f", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out).findings as { location: { line: number } }[];
    expect(found.map((f) => f.location.line)).toEqual([2]);
  });

  it("refuses a version 1 baseline (fast fingerprints under a public key) and says what to do", async () => {
    const dir = project({
      "a.env": "x\n",
      "old.json": '{"version":1,"createdAt":"x","fingerprints":["ab"]}',
    });
    const r = await cli(["scan", ".", "--baseline", "old.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/old baseline \(version 1\) refused: .*test guesses.*residue baseline create/);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });
});
