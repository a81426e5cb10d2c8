/**
 * Issue 16, row 3 (a known secret inside a binary file, a .pyc): a compiled Python module
 * (CPython 3.11 layout, built in pyc.ts) holding a manifest secret among its constants is
 * found with `-m`, located at its bytes (line and column count the file's bytes as characters),
 * the scan exits 1, the sibling source file is scanned and found too, the .pyc is counted as
 * skipped by pattern rules (binary), and no output holds the secret in full.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { expectNoSecret, type JsonReport, manifestOf, seededSecret, tempFolder } from "./kit.js";
import { pycWithConstant } from "./pyc.js";

const secrets = [seededSecret(1631), seededSecret(1632)];
const root = tempFolder("pyc");
const tree = path.join(root, "app");
const pyc = path.join(tree, "__pycache__", "settings.cpython-311.pyc");
const bytes = pycWithConstant(secrets[0]!);
let manifest = "";

beforeAll(async () => {
  mkdirSync(path.dirname(pyc), { recursive: true });
  writeFileSync(pyc, bytes);
  writeFileSync(
    path.join(tree, "settings.py"),
    `import os\nTOKEN = os.environ.get("TOKEN", "${secrets[1]}")\n`,
  );
  manifest = await manifestOf(root, secrets);
});

describe("a known secret inside a .pyc (issue 16)", () => {
  it("is found at its bytes, with the sibling source file, exit 1", async () => {
    const r = await cli(["scan", "-m", manifest, "-f", "json", "-q", tree]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as JsonReport;
    expect(doc.errors).toEqual([]);
    const found = doc.findings.map((f) => [
      path.relative(tree, f.location.path),
      (f as { secretId?: string }).secretId,
      f.location.line,
      f.location.column,
    ]);
    // the locator points at the secret's first byte, lines counted at 0x0a bytes
    const before = bytes.subarray(0, bytes.indexOf(secrets[0]!)).toString("latin1").split("\n");
    expect(found.sort()).toEqual([
      ["__pycache__/settings.cpython-311.pyc", "leaked-0", before.length, before.at(-1)!.length + 1],
      ["settings.py", "leaked-1", 2, 34],
    ]);
    expect(doc.stats.skippedBy).toEqual({ binary: 1 });
    expectNoSecret([r.out, r.err], secrets);
  });

  it("prints the .pyc finding in the text report without the secret in full", async () => {
    const r = await cli(["scan", "-m", manifest, tree]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain("settings.cpython-311.pyc:");
    expectNoSecret([r.out, r.err], secrets);
  });
});
