/** Suppression: residue:allow, .residueignore (ids, fingerprints, rules, globs), baselines; --save-manifest. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isIgnored, parseIgnore } from "../src/suppress/ignore-file.js";
import type { Finding } from "../src/types.js";
import { acmeKey, RULES } from "./helpers/acme.js";
import { cli as runCli } from "./helpers/cli.js";

/** Runs the CLI in a folder; returns status, stdout and stderr. */
async function cli(cwd: string, ...argv: string[]) {
  const r = await runCli(argv, { cwd });
  return { status: r.code, stdout: r.out, stderr: r.err };
}

/** Scans a folder with the fixture rules and returns the JSON findings. */
async function findings(cwd: string, ...extra: string[]) {
  const r = await cli(cwd, "scan", ".", "--detectors", RULES, "-f", "json", ...extra);
  return { ...r, list: (JSON.parse(r.stdout) as { findings: Record<string, unknown>[] }).findings };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-suppress-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("parseIgnore", () => {
  const f = (over: Partial<Finding>) =>
    ({
      id: "0".repeat(24),
      secretKey: "pattern:abc",
      ruleId: "acme.api-key",
      provenance: { source: "fs", path: "src/a.ts" },
      ...over,
    }) as Finding;
  it("reads ids, fingerprints, rules and globs, skipping comments", () => {
    const list = parseIgnore(
      `# comment\n${"1".repeat(24)}\nknown:db\nrule:acme.jwt\n*.env  # env files\nvendor/**\n`,
    );
    expect(isIgnored(list, f({ id: "1".repeat(24) }))).toBe(true);
    expect(isIgnored(list, f({ secretKey: `pattern:${"1".repeat(24)}` }))).toBe(true);
    expect(isIgnored(list, f({ secretKey: "known:db" }))).toBe(true);
    expect(isIgnored(list, f({ ruleId: "acme.jwt" }))).toBe(true);
    expect(isIgnored(list, f({ provenance: { source: "fs", path: "deep/x/.env" } }))).toBe(true);
    expect(isIgnored(list, f({ provenance: { source: "fs", path: "vendor/lib/a.js" } }))).toBe(true);
    expect(isIgnored(list, f({ provenance: { source: "fs", path: "pkg.zip!vendor/a.js" } }))).toBe(false);
    expect(isIgnored(list, f({}))).toBe(false);
  });
});

describe("suppression in a scan", () => {
  it("drops a finding whose line carries residue:allow", async () => {
    const dir = project({ "a.env": `A=${acmeKey(1)}\nB=${acmeKey(2)} # residue:allow\n` });
    const { list, status } = await findings(dir);
    expect(status).toBe(1);
    expect(list.map((f) => (f.location as { line: number }).line)).toEqual([1]);
  });

  it("reads .residueignore from the working directory: globs", async () => {
    const dir = project({
      "a.env": `A=${acmeKey(1)}\n`,
      "docs/b.md": `B=${acmeKey(2)}\n`,
      ".residueignore": "docs/**\n",
    });
    const { list } = await findings(dir);
    expect(list.map((f) => path.basename((f.location as { path: string }).path))).toEqual(["a.env"]);
  });

  it("honours --ignore-file with a finding id and a secret fingerprint", async () => {
    const dir = project({
      "a.env": `A=${acmeKey(1)}\n`,
      "b.env": `B=${acmeKey(2)}\nC=${acmeKey(3)}\n`,
      "c.env": `B=${acmeKey(2)}\n`,
    });
    const before = await findings(dir);
    expect(before.list).toHaveLength(4);
    const byLine = (name: string, line: number) =>
      before.list.find((f) => {
        const loc = f.location as { path: string; line: number };
        return path.basename(loc.path) === name && loc.line === line;
      })!;
    const a = byLine("a.env", 1);
    const b = byLine("b.env", 1);
    writeFileSync(path.join(dir, "ignore.txt"), `${String(a.id)}\n${String(b.secretKey)}  # accepted\n`);
    const after = await findings(dir, "--ignore-file", "ignore.txt");
    const left = after.list.map(
      (f) =>
        `${path.basename((f.location as { path: string }).path)}:${(f.location as { line: number }).line}`,
    );
    expect(left).toEqual(["b.env:2"]);
  });

  it("fails clearly when --ignore-file is missing", async () => {
    const dir = project({ "a.env": "nothing\n" });
    const r = await cli(dir, "scan", ".", "--ignore-file", "nope.txt");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--ignore-file nope\.txt: cannot read it/);
  });
});

describe("residue baseline", () => {
  it("accepts known findings wherever they move, and reports new ones", async () => {
    const dir = project({ "a.env": `A=${acmeKey(1)}\n` });
    const created = await cli(dir, "baseline", "create", ".", "--detectors", RULES);
    expect(created.status).toBe(0);
    expect(readFileSync(path.join(dir, ".residue-baseline.json"), "utf8")).not.toContain(acmeKey(1));
    writeFileSync(path.join(dir, "a.env"), `# a new header\n\n\nA=${acmeKey(1)}\n`);
    expect((await cli(dir, "baseline", "check", ".", "--detectors", RULES)).status).toBe(0);
    writeFileSync(path.join(dir, "b.env"), `B=${acmeKey(2)}\n`);
    const checked = await cli(dir, "baseline", "check", ".", "--detectors", RULES, "-f", "json");
    expect(checked.status).toBe(1);
    const list = (JSON.parse(checked.stdout) as { findings: { location: { path: string } }[] }).findings;
    expect(list.map((f) => path.basename(f.location.path))).toEqual(["b.env"]);
  });

  it("rejects a file that is not a baseline", async () => {
    const dir = project({ "a.env": "x\n", "bad.json": '{"version":9}' });
    const r = await cli(dir, "scan", ".", "--baseline", "bad.json");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--baseline .*bad\.json: not a residue baseline/);
  });
});
