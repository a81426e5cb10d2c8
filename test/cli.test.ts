import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";

describe("residue scan exit status", () => {
  it("is 0 for a clean folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-cli-"));
    writeFileSync(path.join(dir, "readme.txt"), "nothing secret here\n");
    const r = await cli(["scan", "--rules", "none", dir]);
    expect(r.code).toBe(0);
  });

  it("is 3 when an item could not be read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-cli-"));
    // a zip whose central directory is missing: an unreadable item, the scan goes on
    writeFileSync(path.join(dir, "broken.zip"), Buffer.from("PK\u0003\u0004 not really a zip"));
    const r = await cli(["scan", "--rules", "none", dir]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/broken\.zip/);
  });

  it("is 2 for a path that does not exist or an unknown target prefix, in one line", async () => {
    const missing = await cli(["scan", "--rules", "none", "/nonexistent/residue-test"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("residue: /nonexistent/residue-test: no such file or folder\n");
    const prefix = await cli(["scan", "gti:."]);
    expect(prefix.code).toBe(2);
    expect(prefix.err).toMatch(/^residue: gti:\.: unknown target prefix "gti:" \(known: .*git,/);
  });

  it("is 2 for bad usage, in one line without a stack", async () => {
    const r = await cli(["scan", "-f", "yaml", "."]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it("is 2 for a corrupt manifest, in one line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-cli-"));
    writeFileSync(path.join(dir, "bad.json"), '{"broken":');
    const r = await cli(["scan", "-m", "bad.json", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it("reads standard input", async () => {
    const r = await cli(["scan", "--rules", "none", "-f", "json", "-"], { stdin: "hello\n" });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).stats.items).toBe(1);
  });
});
