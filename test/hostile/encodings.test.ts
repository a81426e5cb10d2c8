/**
 * Issue 16.2: text in any common encoding is scanned, and a known secret is found in binary
 * files too (a byte-level copy in a database or compiled file is a copy); pattern rules skip
 * binary content, and the JSON `stats` say how many items were skipped and why.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addToManifest } from "../../src/manifest/index.js";
import { cli } from "../helpers/cli.js";
import { fakeSecret } from "../helpers/literal-matcher.js";

const secret = fakeSecret("fake_enc_", 32);
const dir = mkdtempSync(path.join(tmpdir(), "residue-enc-"));
const manifest = path.join(dir, "m.json");
const env = {};

const utf16be = (t: string) => Buffer.from(t, "utf16le").swap16();
const files: Record<string, Buffer> = {
  "utf8-bom.env": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`A=1\nTOKEN=${secret}\n`)]),
  "utf16le-bom.env": Buffer.from(`\ufeffA=1\nTOKEN=${secret}\n`, "utf16le"),
  "utf16le.env": Buffer.from(`A=1\nTOKEN=${secret}\n`, "utf16le"),
  "utf16be-bom.env": utf16be(`\ufeffA=1\nTOKEN=${secret}\n`),
  "utf16be.env": utf16be(`A=1\nTOKEN=${secret}\n`),
  // an SQLite-like page: a header, zero bytes, and the value stored as bytes
  "app.sqlite": Buffer.concat([
    Buffer.from("SQLite format 3\0"),
    Buffer.alloc(300),
    Buffer.from(secret),
    Buffer.alloc(64),
  ]),
  "sibling.txt": Buffer.from(`plain ${secret}\n`),
};

beforeAll(async () => {
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
  await addToManifest(manifest, [{ id: "leaked", value: secret }], { env });
});

describe("encodings and binary files", () => {
  it("finds the known secret in UTF-8 with a BOM, UTF-16 LE/BE with or without one, and a binary file", async () => {
    const r = await cli(["scan", "-m", manifest, "-f", "json", "-q", dir], { env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    const where = doc.findings.map((f: { location: { path: string; line: number } }) => [
      path.basename(f.location.path),
      f.location.line,
    ]);
    expect(where.sort()).toEqual([
      ["app.sqlite", 1],
      ["sibling.txt", 1],
      ["utf16be-bom.env", 2],
      ["utf16be.env", 2],
      ["utf16le-bom.env", 2],
      ["utf16le.env", 2],
      ["utf8-bom.env", 2],
    ]);
    expect(doc.stats.skippedBy).toEqual({ binary: 1 });
    expect(doc.errors).toEqual([]);
    expect(r.out + r.err).not.toContain(secret);
  });

  it("runs no pattern rule on binary content, and counts it as skipped", async () => {
    const bin = mkdtempSync(path.join(tmpdir(), "residue-enc-bin-"));
    const token = `ghp_${"A1b2C3d4E5".repeat(3)}abcdef`;
    writeFileSync(
      path.join(bin, "blob.bin"),
      Buffer.concat([Buffer.alloc(16), Buffer.from(`token=${token}`)]),
    );
    writeFileSync(path.join(bin, "ok.txt"), "nothing here\n");
    const r = await cli(["scan", "-f", "json", "-q", bin], { env });
    const doc = JSON.parse(r.out);
    expect(doc.findings).toEqual([]);
    expect(doc.stats.skippedBy).toEqual({ binary: 1 });
    expect(r.code).toBe(0);
  });
});
