/**
 * Issue 16, HAR memory (in `npm run test:hostile`, not `npm test`: it writes 250 MB captures):
 * a HAR under the default --max-har-bytes is read one entry at a time, and a chunk of a large
 * body holds its own text only, so the scan's peak RSS stays under 300 MB whether the capture is
 * many small entries (2,488 MB when it was parsed whole) or 4 MiB bodies (804 MB, then 404 MB
 * while chunks pinned their entries), and when it is a member of a .tar.gz (955 MB while a
 * streamed member was read whole; now kept in a temporary file and read from there). The secret
 * in the last entry (a header, and inside a binary base64 body) is still found, and the sibling.
 */
import { createReadStream, createWriteStream, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { writeBigHar } from "../../../fixtures/har/big.mjs";
import { expectNoSecret, type JsonReport, manifestOf, seededSecret, tempFolder } from "../kit.js";
import { runMeasured } from "./run-measured.js";

const secrets = [seededSecret(1695), seededSecret(1696)];
const root = tempFolder("har-memory");

/** Streams `file` into a one-member .tar.gz at `out` (never whole in memory). */
async function tarGz(file: string, out: string): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 1 }), createWriteStream(out));
  const entry = pack.entry({ name: path.basename(file), size: statSync(file).size });
  await pipeline(createReadStream(file), entry);
  pack.finalize();
  await written;
}

describe("a 250 MB HAR (issue 16)", () => {
  it.each([
    ["small", "a file"],
    ["large", "a file"],
    ["small", "a .tar.gz member"],
  ] as const)(
    "of %s entries, %s, is scanned within 300 MB of peak RSS, its last entry's secret found in both places",
    async (kind, where) => {
      const packed = where !== "a file";
      const har = path.join(root, `${kind}.har`);
      const good = path.join(root, "good.env");
      await writeBigHar(har, { bytes: 250 << 20, kind, secret: secrets[0]! });
      const target = packed ? `${har}.tar.gz` : har;
      if (packed) {
        await tarGz(har, target);
        rmSync(har);
      }
      writeFileSync(good, `TOKEN=${secrets[1]}\n`);
      const manifest = await manifestOf(root, secrets);
      try {
        const r = await runMeasured(
          ["scan", "-m", manifest, "-f", "json", "-q", target, good],
          root,
          process.env,
        );
        expect(r.code).toBe(1);
        const doc = JSON.parse(r.out) as JsonReport;
        expect(doc.errors).toEqual([]);
        const shown = `${kind}.har${packed ? `.tar.gz!${kind}.har` : ""}`;
        expect(doc.findings.map((f) => [path.basename(f.location.path), f.location.field ?? null])).toEqual([
          [shown, "request.headers[authorization]"],
          [shown, "response.content.text"],
          ["good.env", null],
        ]);
        expectNoSecret([r.out, r.tail, r.err], secrets);
        console.log(
          `peak RSS, 250 MB HAR of ${kind} entries${packed ? " in a .tar.gz" : ""}: ${Math.round(r.peakMb)} MiB`,
        );
        expect(r.peakMb).toBeLessThan(300);
      } finally {
        rmSync(target, { force: true });
      }
    },
    900_000,
  );
});
