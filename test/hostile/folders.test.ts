/**
 * Issue 16, row 1: a folder the user cannot read (mode 000) and a folder whose name holds a
 * newline. The first is an error item (exit 3 when nothing is found), never a silent skip; the
 * second is read like any other. Root ignores mode bits, so the unreadable case runs the built
 * CLI with those capabilities dropped (see kit.ts) and holds whoever runs the tests.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { expectNoSecret, type JsonReport, manifestOf, runChild, seededSecret, tempFolder } from "./kit.js";

const secret = seededSecret(1601);
const root = tempFolder("folders");
const tree = path.join(root, "tree");
const locked = path.join(tree, "locked");
const odd = path.join(tree, "odd\nname");
let manifest = "";

beforeAll(async () => {
  mkdirSync(path.join(locked, "deep"), { recursive: true });
  mkdirSync(odd);
  mkdirSync(path.join(tree, "good"));
  writeFileSync(path.join(locked, "deep", "a.env"), `TOKEN=${secret}\n`);
  writeFileSync(path.join(odd, "b.env"), `TOKEN=${secret}\n`);
  writeFileSync(path.join(tree, "good", "c.env"), `TOKEN=${secret}\n`);
  // the folders are open to everyone so that the capability-less runner can still reach the manifest
  chmodSync(root, 0o755);
  chmodSync(locked, 0o000);
  manifest = await manifestOf(root, [secret]);
});
afterAll(() => chmodSync(locked, 0o755));

describe("unreadable and oddly named folders (issue 16)", () => {
  it("reports a mode-000 folder as an error item and still scans its good siblings", async () => {
    const r = await runChild(["scan", "-m", manifest, "-f", "json", "-q", tree], { honourModes: true });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as JsonReport;
    expect(doc.errors).toEqual([
      { source: tree, item: locked, reason: "folder not read: permission denied" },
    ]);
    expect(doc.findings.map((f) => path.relative(tree, f.location.path)).sort()).toEqual([
      "good/c.env",
      "odd\nname/b.env",
    ]);
    expectNoSecret([r.out, r.err], [secret]);
  });

  it("exits 3 when nothing is found but a folder could not be read", async () => {
    const only = path.join(root, "only");
    mkdirSync(path.join(only, "shut"), { recursive: true });
    writeFileSync(path.join(only, "clean.txt"), "nothing to see\n");
    chmodSync(path.join(only, "shut"), 0o000);
    try {
      const r = await runChild(["scan", "-m", manifest, "-q", "-f", "json", only], { honourModes: true });
      expect(r.code).toBe(3);
      expect(JSON.parse(r.out).errors).toEqual([
        { source: only, item: path.join(only, "shut"), reason: "folder not read: permission denied" },
      ]);
      expect(JSON.parse(r.out).stats.items).toBe(1);
    } finally {
      chmodSync(path.join(only, "shut"), 0o755);
    }
  });

  it("reads a folder whose name holds a newline, and --exclude still applies inside it", async () => {
    const r = await cli(["scan", "-m", manifest, "-f", "json", "-q", "--exclude", "**/c.env", odd, tree]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as JsonReport;
    const paths = doc.findings.map((f) => f.location.path);
    // the odd folder as a target and inside the tree; the excluded sibling is not read
    expect(paths.filter((p) => p.endsWith(`odd\nname${path.sep}b.env`))).toHaveLength(2);
    expect(paths.some((p) => p.endsWith("c.env"))).toBe(false);
    expectNoSecret([r.out, r.err], [secret]);
  });
});
