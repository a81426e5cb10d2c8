/** `residue rules list` and `residue rules test`. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/detectors");

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: FIXTURES,
  };
  return { status: await run(argv, io), stdout, stderr };
}

function ruleFile(body: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-rules-cli-"));
  const file = path.join(dir, "mine.yaml");
  writeFileSync(file, body);
  return file;
}

const RULE = `- id: mine.key
  provider: mine
  description: My key.
  keywords: [mine_]
  pattern: '\\b(?<secret>mine_[A-Za-z0-9]{20})\\b'
  tags: [api]
  examples: ['k=mine_Q2h8xW1pL0vR7tY3nB5m']
  counterexamples: ['k=mine_<your key>']
`;

describe("residue rules list", () => {
  it("prints the rules as JSON, with a user's folder added", async () => {
    const r = await cli("rules", "list", "--json", "--detectors", ".");
    expect(r.status).toBe(0);
    const { rules } = JSON.parse(r.stdout) as {
      rules: { id: string; examples: string[]; keywords: string[] }[];
    };
    const acme = rules.find((x) => x.id === "acme.api-key");
    expect(acme?.keywords).toEqual(["acme_live_"]);
    expect(acme?.examples).toHaveLength(1);
  });

  it("prints a table with rule and provider counts", async () => {
    const r = await cli("rules", "list", "--detectors", ".");
    expect(r.stdout).toMatch(/^acme\.api-key +high +Acme live key/m);
    expect(r.stdout).toMatch(/\d+ rules, \d+ providers\n$/);
  });
});

describe("residue rules test", () => {
  it("passes a good file", async () => {
    const r = await cli("rules", "test", ruleFile(RULE), "acme.yaml");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^PASS .*mine\.yaml #1 mine\.key/m);
    expect(r.stdout).toMatch(/^PASS acme\.yaml #5 acme\.generic-password/m);
  });

  it("fails a rule whose counterexample matches, by index, with status 1", async () => {
    const bad = RULE.replace("'k=mine_<your key>'", "'k=mine_<your key>', 'k=mine_Z2h8xW1pL0vR7tY3nB5m'");
    const r = await cli("rules", "test", ruleFile(bad));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL .*#1 mine\.key\n {2}- counterexample 2 matches/m);
  });

  it("rejects an invalid file with status 2 and names it", async () => {
    const r = await cli("rules", "test", ruleFile(RULE.replace("keywords: [mine_]", "keywords: [MINE_]")));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/mine\.yaml: detector "mine\.key": field "keywords\.0": must be lower-case/);
  });
});
