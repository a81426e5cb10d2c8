/**
 * Issue 16, HAR memory (in `npm run test:hostile`, not `npm test`: it writes a 250 MB capture):
 * a HAR of small entries under the default --max-har-bytes is read one entry at a time, so the
 * scan's peak RSS stays under 300 MB (it was 2,488 MB when the capture was parsed whole), and
 * the secret in its last entry (a header, and inside a binary base64 body) is still found.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeBigHar } from "../../../fixtures/har/big.mjs";
import {
  expectNoSecret,
  type JsonReport,
  manifestOf,
  PEAK_RSS,
  runChild,
  seededSecret,
  tempFolder,
} from "../kit.js";

const secrets = [seededSecret(1695), seededSecret(1696)];
const root = tempFolder("har-memory");

describe("a 250 MB HAR of small entries (issue 16)", () => {
  it("is scanned within 300 MB of peak RSS, its last entry's secret found in both places", async () => {
    const har = path.join(root, "small.har");
    const good = path.join(root, "good.env");
    await writeBigHar(har, { bytes: 250 << 20, kind: "small", secret: secrets[0]! });
    writeFileSync(good, `TOKEN=${secrets[1]}\n`);
    const manifest = await manifestOf(root, secrets);
    const peakFile = path.join(root, "peak");
    try {
      const r = await runChild(["scan", "-m", manifest, "-f", "json", "-q", har, good], {
        nodeArgs: ["--require", PEAK_RSS],
        env: { RESIDUE_PEAK_FILE: peakFile },
      });
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.out) as JsonReport;
      expect(doc.errors).toEqual([]);
      expect(doc.findings.map((f) => [path.basename(f.location.path), f.location.field ?? null])).toEqual([
        ["small.har", "request.headers[authorization]"],
        ["small.har", "response.content.text"],
        ["good.env", null],
      ]);
      expectNoSecret([r.out, r.err], secrets);
      const peakMiB = Number(readFileSync(peakFile, "utf8")) / 1024;
      expect(peakMiB).toBeLessThan(300);
    } finally {
      rmSync(har, { force: true });
    }
  }, 600_000);
});
