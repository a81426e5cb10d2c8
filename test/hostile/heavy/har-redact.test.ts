/**
 * Issue 16.7, `residue redact` of a 250 MB HAR (in `npm run test:hostile`: it writes 250 MB
 * captures): the capture is rewritten one entry at a time (parsed whole it took 2.5 GB), so its
 * peak RSS, both scans included (the one that finds the copies and the re-scan of the output),
 * stays within 300 MB whether the capture is many small entries or 4 MiB bodies. The secret in the
 * last entry (a header, and inside a binary base64 body) is replaced in both places, the output is
 * still a HAR whose every entry reads, and a scan of it finds nothing.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeBigHar } from "../../../fixtures/har/big.mjs";
import { expectNoSecret, type JsonReport, manifestOf, seededSecret, tempFolder } from "../kit.js";
import { runMeasured } from "./run-measured.js";

const secret = seededSecret(1697);
const root = tempFolder("har-redact");

describe("redact of a 250 MB HAR (issue 16)", () => {
  it.each(["small", "large"] as const)(
    "of %s entries: within 300 MB of peak RSS, both copies replaced, the output scans clean",
    async (kind) => {
      const har = path.join(root, `${kind}.har`);
      const out = path.join(root, `${kind}.clean.har`);
      await writeBigHar(har, { bytes: 250 << 20, kind, secret });
      const manifest = await manifestOf(root, [secret]);
      try {
        const r = await runMeasured(["redact", har, "-m", manifest, "-o", out], root, process.env);
        expect(r.err).toMatch(/redacted 2 copies of 1 secret; wrote /);
        expect(r.code).toBe(0);
        expectNoSecret([r.out, r.err], [secret]);
        console.log(`peak RSS, redact of a 250 MB HAR of ${kind} entries: ${Math.round(r.peakMb)} MiB`);
        expect(r.peakMb).toBeLessThanOrEqual(300);
        const again = await runMeasured(["scan", "-m", manifest, "-f", "json", "-q", out], root, process.env);
        const doc = JSON.parse(again.out) as JsonReport;
        expect(doc.errors).toEqual([]);
        expect(doc.findings).toEqual([]);
        expect(again.code).toBe(0);
      } finally {
        rmSync(har, { force: true });
        rmSync(out, { force: true });
      }
    },
    900_000,
  );
});
