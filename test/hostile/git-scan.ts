/** Scans a git repository through the CLI with the fictional Acme rule; every output format. */
import { expect } from "vitest";
import { acmeKey, RULES } from "../helpers/acme.js";
import { cli } from "../helpers/cli.js";

/** A JSON finding, as much of it as these tests read. */
export interface JsonFinding {
  ruleId: string;
  redacted: string;
  uri: string;
  location: Record<string, unknown>;
}

/** The JSON report of `scan git:DIR`, after checking that no output format prints a key in full. */
export async function scanRepo(dir: string, keys: number[], extra: string[] = []) {
  const argv = ["scan", `git:${dir}`, "--detectors", RULES, "--rules", "acme.api-key", ...extra];
  const json = await cli([...argv, "-f", "json"]);
  const text = await cli(argv);
  const sarif = await cli([...argv, "-f", "sarif"]);
  for (const run of [json, text, sarif])
    for (const n of keys) {
      expect(run.out).not.toContain(acmeKey(n));
      expect(run.err).not.toContain(acmeKey(n));
    }
  expect(text.code).toBe(json.code);
  const report = JSON.parse(json.out) as {
    findings: JsonFinding[];
    errors: { item: string; reason: string }[];
  };
  return { code: json.code, ...report, text: text.out };
}
