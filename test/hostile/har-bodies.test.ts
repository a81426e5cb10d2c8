/**
 * Issue 16, HAR: a token inside a binary (base64) response body was not found, and `redact` wrote
 * a "clean" HAR that still held it. Now the body is decoded and searched byte by byte (known
 * secrets), `redact` replaces the copy there keeping every other byte, and re-scans its output:
 * a copy it could not replace means no output and a non-zero exit.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { expectNoSecret, type JsonReport, manifestOf, seededSecret, tempFolder } from "./kit.js";

const secrets = [seededSecret(1690), seededSecret(1691), seededSecret(1692)];
const root = tempFolder("har-bodies");
const har = path.join(root, "capture.har");
const good = path.join(root, "good.env");
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]);
const binaryBody = Buffer.concat([
  PNG_HEAD,
  Buffer.from(secrets[0]!),
  Buffer.from([0, 0xc3, 0x28, 0xa0, 0xa1]),
]);
let manifest = "";

/** A HAR whose entries hold the given response bodies (base64 encoded). */
function harWith(bodies: Buffer[], mimeType = "image/png"): string {
  const entries = bodies.map((b, i) => ({
    request: { method: "GET", url: `https://cdn.example.test/img/${i}.png`, headers: [] },
    response: {
      status: 200,
      headers: [],
      content: { mimeType, encoding: "base64", text: b.toString("base64") },
    },
  }));
  return JSON.stringify({ log: { version: "1.2", entries } }, null, 2);
}

beforeAll(async () => {
  writeFileSync(har, harWith([binaryBody]));
  writeFileSync(good, `TOKEN=${secrets[2]}\n`);
  manifest = await manifestOf(root, secrets);
});

describe("binary HAR bodies (issue 16)", () => {
  it("finds a known secret inside a base64 binary body, and the good sibling", async () => {
    const r = await cli(["scan", "-m", manifest, "-f", "json", "-q", har, good]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as JsonReport;
    expect(doc.errors).toEqual([]);
    expect(doc.findings.map((f) => [f.location.path, f.location.field ?? null]).sort()).toEqual([
      [har, "response.content.text"],
      [good, null],
    ]);
    expectNoSecret([r.out, r.err], secrets);
  });

  it("redacts the copy inside the binary body, keeps every other byte, and the output scans clean", async () => {
    const out = path.join(root, "clean.har");
    const r = await cli(["redact", "-m", manifest, har, "-o", out]);
    expect(r.code).toBe(0);
    const body = Buffer.from(
      JSON.parse(readFileSync(out, "utf8")).log.entries[0].response.content.text,
      "base64",
    );
    expect(body.subarray(0, PNG_HEAD.length)).toEqual(PNG_HEAD);
    expect(body.subarray(-5)).toEqual(Buffer.from([0, 0xc3, 0x28, 0xa0, 0xa1]));
    expect(body.includes(Buffer.from(secrets[0]!))).toBe(false);
    const again = await cli(["scan", "-m", manifest, "-q", out]);
    expect(again.code).toBe(0);
    expectNoSecret([r.out, r.err, readFileSync(out, "utf8")], secrets);
  });

  it("fails without writing when its own re-scan still finds a copy (a UTF-16 body)", async () => {
    const utf16 = path.join(root, "utf16.har");
    writeFileSync(utf16, harWith([Buffer.from(`\ufeffkey=${secrets[1]}\n`, "utf16le")], "text/plain"));
    const found = await cli(["scan", "-m", manifest, "-f", "json", "-q", utf16]);
    expect((JSON.parse(found.out) as JsonReport).findings).toHaveLength(1);
    const out = path.join(root, "utf16-clean.har");
    const r = await cli(["redact", "-m", manifest, utf16, "-o", out]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/could not be replaced.*no output written/);
    expect(() => readFileSync(out)).toThrow();
    expectNoSecret([r.out, r.err], secrets);
  });
});
