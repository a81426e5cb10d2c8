import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reporters } from "../src/reporters/index.js";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { fakeSecret, literalMatcher } from "./helpers/literal-matcher.js";

const secrets = { alpha: fakeSecret("fk_a_"), beta: fakeSecret("fk_b_", 48) };

async function render(format: string, redact = true): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-rep-"));
  writeFileSync(path.join(dir, "one.txt"), `A=${secrets.alpha}\nB=${secrets.beta}\n`);
  writeFileSync(path.join(dir, "two.json"), JSON.stringify({ a: secrets.alpha }));
  const run = scan({ targets: [dir], matcher: literalMatcher(secrets) });
  let out = "";
  const reporter = reporters[format]!({ write: (s) => (out += s), redact });
  reporter.begin({ ...(await run.meta()), redact });
  const all: Finding[] = [];
  for await (const f of run) {
    all.push(f);
    reporter.finding(f);
  }
  reporter.end({ stats: run.stats, errors: run.errors, notices: run.notices });
  expect(all).toHaveLength(3);
  return out;
}

describe.each(["text", "json", "jsonl", "sarif", "html"])("%s reporter", (format) => {
  it("never prints a secret in full", async () => {
    const out = await render(format);
    expect(out.length).toBeGreaterThan(0);
    for (const s of Object.values(secrets)) {
      expect(out.includes(s)).toBe(false);
      expect(out.includes(s.slice(0, 8))).toBe(false);
    }
  });
});

describe.each(["text", "json", "jsonl", "sarif"])("%s reporter under --no-redact", (format) => {
  it("prints secrets in full", async () => {
    const out = await render(format, false);
    expect(out.includes(secrets.beta)).toBe(true);
  });
});

describe("structured reporters", () => {
  it("json has version, findings with the contract keys, errors and stats", async () => {
    const doc = JSON.parse(await render("json"));
    expect(doc.version).toBe(1);
    expect(doc.stats.findings).toBe(3);
    for (const f of doc.findings) {
      for (const k of ["id", "kind", "form", "match", "source", "location", "uri", "redacted"])
        expect(f).toHaveProperty(k);
      expect(f.location.line).toBeGreaterThan(0);
    }
  });

  it("sarif is 2.1.0 with rules, levels, regions and partialFingerprints", async () => {
    const log = JSON.parse(await render("sarif"));
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id).sort()).toEqual([
      "known/alpha",
      "known/beta",
    ]);
    for (const r of run.results) {
      expect(r.level).toBe("error");
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(r.partialFingerprints["residue/v1"]).toMatch(/^[0-9a-f]{24}$/);
    }
  });

  it("text groups copies by secret and ends with a summary", async () => {
    const out = await render("text");
    expect(out).toMatch(/known secret alpha — 2 copies/);
    expect(out).toMatch(/known secret beta — 1 copy/);
    expect(out).toMatch(/items, .*3 findings, 0 errors/);
  });
});
