import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSweepConfig } from "../src/sweep/config.js";
import { runSweep } from "../src/sweep/run.js";
import { cli } from "./helpers/cli.js";
import { fakeSecret, literalMatcher } from "./helpers/literal-matcher.js";

/** Two sweeps of a folder, one copy deleted in between; returns the store and the secret. */
async function twoRuns(): Promise<{ dir: string; db: string; secret: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-report-"));
  const secret = fakeSecret();
  mkdirTree(dir, secret);
  const config = parseSweepConfig({ targets: ["tree"] }, path.join(dir, "sweep.json"));
  const db = path.join(dir, "r.db");
  const scanOptions = { matcher: literalMatcher({ "ci-token": secret }) };
  await runSweep({ config, db, scanOptions });
  rmSync(path.join(dir, "tree", "b.log"));
  await runSweep({ config, db, scanOptions });
  return { dir, db, secret };
}

function mkdirTree(dir: string, secret: string) {
  const tree = path.join(dir, "tree");
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree);
  writeFileSync(path.join(tree, "a.env"), `TOKEN=${secret}\n`);
  writeFileSync(path.join(tree, "b.log"), `x\ny ${secret}\n`);
}

describe("residue report", () => {
  it("prints DESIGN.md's JSON plus state, firstSeen and lastSeen", async () => {
    const { db, secret } = await twoRuns();
    const r = await cli(["report", "--db", db, "-f", "json"]);
    expect(r.code).toBe(0);
    expect(r.out.includes(secret)).toBe(false);
    const doc = JSON.parse(r.out);
    expect(doc.version).toBe(1);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["findings", "errors", "stats"]));
    const byFile = Object.fromEntries(
      doc.findings.map((f: { location: { path: string } }) => [path.basename(f.location.path), f]),
    );
    expect(byFile["a.env"]).toMatchObject({
      kind: "known",
      secretId: "ci-token",
      state: "surviving",
      source: "fs",
    });
    expect(byFile["b.log"]).toMatchObject({ state: "gone", location: { line: 2, column: 3 } });
    expect(byFile["a.env"].firstSeen <= byFile["a.env"].lastSeen).toBe(true);
    expect(doc.stats).toMatchObject({ new: 0, surviving: 1, gone: 1, findings: 1 });
    const first = JSON.parse((await cli(["report", "--db", db, "--run", "1", "-f", "json"])).out);
    expect(first.findings.map((f: { state: string }) => f.state)).toEqual(["new", "new"]);
  });

  it("prints text with each copy's state, and writes -o files", async () => {
    const { dir, db, secret } = await twoRuns();
    const r = await cli(["report", "--db", db]);
    expect(r.out).toMatch(/known secret ci-token — 1 copies/);
    expect(r.out).toMatch(/^\s+gone\s+.*b\.log:2:3/m);
    expect(r.out.includes(secret)).toBe(false);
    const o = await cli(["report", "--db", db, "-f", "html", "-o", "out.html"], { cwd: dir });
    expect(o.code).toBe(0);
    expect(existsSync(path.join(dir, "out.html"))).toBe(true);
  });

  it("says clearly when there is no store or no such run (exit status 2)", async () => {
    const { db } = await twoRuns();
    const missing = await cli(["report", "--db", "/nonexistent/r.db"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no store at .*residue sweep/);
    const noRun = await cli(["report", "--db", db, "--run", "99"]);
    expect(noRun.code).toBe(2);
    expect(noRun.err).toMatch(/no run 99/);
  });
});

describe("residue sweep", () => {
  it("exits 0 on a clean folder and creates the store named in the config", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-report-"));
    writeFileSync(path.join(dir, "readme.txt"), "nothing here\n");
    writeFileSync(
      path.join(dir, "sweep.json"),
      JSON.stringify({ rules: "none", targets: ["."], db: "s/r.db" }),
    );
    const r = await cli(["sweep", "-c", "sweep.json"], { cwd: dir });
    expect(r.err).toMatch(/run 1: 0 new, 0 surviving, 0 gone/);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "s", "r.db"))).toBe(true);
  });

  it("exits 3 when a target could not be read, 2 on a bad config naming the fault", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-report-"));
    writeFileSync(path.join(dir, "sweep.json"), JSON.stringify({ rules: "none", targets: ["missing"] }));
    const r = await cli(["sweep", "-c", "sweep.json", "--db", "r.db", "-q"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.err).toBe("");
    writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ targets: [{ target: 3 }] }));
    const bad = await cli(["sweep", "-c", "bad.json"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.json: targets\[0\]/);
    const none = await cli(["sweep", "-c", "nope.json"], { cwd: dir });
    expect(none.err).toMatch(/nope\.json: cannot read the sweep config: no such file/);
  });
});
