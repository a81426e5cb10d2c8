/**
 * Issue 16, "built-in rules on one long escape-heavy line": a 2 MB line of `%41%41\x41\x41 `
 * (percent and backslash escapes, decoded and nested) is scanned in linear time with the whole
 * catalog, a key hidden percent-encoded in it is found with its form, and the sibling file too.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acmeKey, RULES } from "../helpers/acme.js";
import { cli } from "../helpers/cli.js";

const PIECE = "%41%41\\x41\\x41 ";

describe("one long escape-heavy line", () => {
  it("is scanned whole: the hidden key and the sibling's are found, exit 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-hostile-escapes-"));
    const hidden = acmeKey(21);
    const sibling = acmeKey(22);
    const half = PIECE.repeat(Math.ceil(1_000_000 / PIECE.length));
    const encoded = [...`ACME_KEY=${hidden}`].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
    writeFileSync(path.join(dir, "long.txt"), `${half}${encoded} ${half}\n`);
    writeFileSync(path.join(dir, "good.env"), `ACME_KEY=${sibling}\n`);
    const r = await cli(["scan", "--detectors", RULES, "-f", "json", "."], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      findings: { ruleId: string; form: string; location: { path: string } }[];
      errors: unknown[];
    };
    const acme = doc.findings.filter((f) => f.ruleId === "acme.api-key");
    expect(acme.map((f) => [path.basename(f.location.path), f.form]).sort()).toEqual([
      ["good.env", "plain"],
      ["long.txt", "url"],
    ]);
    expect(doc.errors).toEqual([]);
    expect(r.out + r.err).not.toContain(hidden);
    expect(r.out + r.err).not.toContain(sibling);
  });
});
