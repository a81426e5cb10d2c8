/**
 * Issue 16: `slack-export:` or `jira-export:` pointed at an unrelated folder (or zip) read nothing
 * and said exit 0. Now each is an error item naming the target, exit 3 when nothing is found, and
 * a good target beside it is still scanned.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { writeZip } from "../helpers/zip-writer.mjs";
import { expectNoSecret, type JsonReport, manifestOf, seededSecret, tempFolder } from "./kit.js";

const secret = seededSecret(1607);
const root = tempFolder("exports");
const unrelated = path.join(root, "project");
const zip = path.join(root, "photos.zip");
const good = path.join(root, "good.env");
let manifest = "";

beforeAll(async () => {
  mkdirSync(path.join(unrelated, "src"), { recursive: true });
  writeFileSync(path.join(unrelated, "README.md"), "# a project, not an export\n");
  writeFileSync(path.join(unrelated, "src", "main.ts"), "export const x = 1;\n");
  writeZip(zip, { "a.txt": "a holiday\n" });
  writeFileSync(good, `TOKEN=${secret}\n`);
  manifest = await manifestOf(root, [secret]);
});

describe("export targets pointed at something that is not an export (issue 16)", () => {
  for (const [n, target, reason] of [
    [0, `slack-export:${unrelated}`, /^not a Slack export: /],
    [1, `slack-export:${zip}`, /^not a Slack export: /],
    [2, `jira-export:${unrelated}`, /^not a Jira export: /],
  ] as const) {
    it(`case ${n}: an error item, and a good sibling target still found`, async () => {
      const r = await cli(["scan", "-m", manifest, "-f", "json", "-q", target, good]);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.out) as JsonReport;
      expect(doc.errors).toHaveLength(1);
      expect(doc.errors[0]!.reason).toMatch(reason);
      expect(doc.findings.map((f) => f.location.path)).toEqual([good]);
      expectNoSecret([r.out, r.err], [secret]);
    });

    it(`case ${n}: alone, exit 3 (partial), never a clean 0`, async () => {
      const r = await cli(["scan", "-m", manifest, "-q", target]);
      expect(r.code).toBe(3);
    });
  }
});
