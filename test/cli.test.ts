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
    const r = await cli(["scan", "--rules", "none", "/nonexistent/residue-test"]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/no such file or folder/);
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
