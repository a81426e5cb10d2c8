import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeZip } from "../fixtures/archives/make.js";
import { redactUrl } from "../src/content/har.js";
import { openSource } from "./helpers/source-run.js";
import { collect, findLiteral, recordingContext } from "./logs-helpers.js";

const file = path.resolve("fixtures/har/found.har");
const raw = readFileSync(file, "utf8");
const secrets = JSON.parse(readFileSync("fixtures/har/secrets.json", "utf8")) as Record<string, string>;
const expected = JSON.parse(readFileSync("fixtures/har/found.expected.json", "utf8")) as {
  secret: string;
  entry: number;
  field: string;
}[];

describe("har source", () => {
  it("finds a secret in each kind of field with its entry and field", async () => {
    const chunks = await collect(await openSource(`har:${file}`, recordingContext()));
    const found = Object.keys(secrets).flatMap((name) =>
      findLiteral(chunks, secrets[name]!).map((h) => ({
        secret: name,
        entry: h.provenance.entry,
        field: h.provenance.field,
      })),
    );
    const key = (x: { secret: string; field?: string; entry?: number }) =>
      `${x.secret} ${x.entry} ${x.field}`;
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it("gives the line and column of each value in the .har file", async () => {
    const chunks = await collect(await openSource(`har:${file}`, recordingContext()));
    const lines = raw.split("\n");
    for (const [name, value] of Object.entries(secrets)) {
      for (const h of findLiteral(chunks, value)) {
        const at = lines[h.line - 1]!.slice(h.column - 1);
        if (name === "content_b64") expect(at).toMatch(/^[A-Za-z0-9+/=]+"/);
        else expect(at.startsWith(value)).toBe(true);
      }
    }
  });

  it("carries the method and a URL with its secrets redacted", async () => {
    const chunks = await collect(await openSource(`har:${file}`, recordingContext()));
    const first = chunks.find((c) => c.provenance.entry === 0)!;
    expect(first.provenance.method).toBe("GET");
    const url = String(first.provenance.url);
    expect(url).toMatch(/^https:\/\/api\.example\.test\/v1\/reset\//);
    expect(url).toContain("page=2");
    for (const v of Object.values(secrets)) expect(url).not.toContain(v);
  });

  it("reads .har files met in a folder or an archive the same way", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-har-"));
    writeFileSync(path.join(dir, "capture.har"), raw);
    writeFileSync(
      path.join(dir, "bundle.zip"),
      makeZip([{ name: "support/capture.har", data: Buffer.from(raw) }]),
    );
    const chunks = await collect(await openSource(dir, recordingContext()));
    const hits = findLiteral(chunks, secrets.authorization!);
    expect(hits.map((h) => [h.provenance.source, h.provenance.path, h.provenance.field, h.line])).toEqual([
      ["har", `${dir}/bundle.zip!support/capture.har`, "request.headers[authorization]", expect.any(Number)],
      ["har", `${dir}/capture.har`, "request.headers[authorization]", hits[1]?.line],
    ]);
    expect(hits[0]!.provenance.member).toBe("support/capture.har");
  });

  it.each([
    ['{ "log": { "entries": [ { "request": { "url": "https://x.test/?k=SECRET', "not valid HAR JSON"],
    ['{"log":{}, "note": "SECRET"}', "no log.entries"],
  ])("reports a broken HAR %# as an error item and still scans it as text", async (text, reason) => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-har-"));
    const bad = path.join(dir, "bad.har");
    writeFileSync(bad, text.replace("SECRET", secrets.query!));
    const ctx = recordingContext();
    const hits = findLiteral(await collect(await openSource(`har:${bad}`, ctx)), secrets.query!);
    expect(ctx.errors).toEqual([
      expect.objectContaining({ item: bad, reason: expect.stringContaining(reason) }),
    ]);
    expect(hits.map((h) => [h.provenance.source, h.provenance.path, h.line])).toEqual([["har", bad, 1]]);
  });

  it("scans a HAR above --max-har-bytes as plain text, with an error item", async () => {
    const ctx = recordingContext({ maxHarBytes: 100 });
    const hits = findLiteral(await collect(await openSource(`har:${file}`, ctx)), secrets.authorization!);
    expect(ctx.errors[0]!.reason).toContain("--max-har-bytes");
    expect(hits.map((h) => h.line)).toEqual([
      raw.split("\n").findIndex((l) => l.includes(secrets.authorization!)) + 1,
    ]);
    expect(hits[0]!.provenance.field).toBeUndefined();
  });

  it("does the same for a HAR member of an archive above the cap", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-har-"));
    const zip = path.join(dir, "big.zip");
    writeFileSync(zip, makeZip([{ name: "big.har", data: Buffer.from(raw) }]));
    const ctx = recordingContext({ maxHarBytes: 1000 });
    const hits = findLiteral(await collect(await openSource(zip, ctx)), secrets.websocket!);
    expect(ctx.errors).toEqual([expect.objectContaining({ item: `${zip}!big.har` })]);
    expect(hits.map((h) => [h.provenance.path, h.provenance.member])).toEqual([
      [`${zip}!big.har`, "big.har"],
    ]);
  });
});

describe("redactUrl", () => {
  it.each([
    ["https://user:hunter2hunter2@h.test/a?x=1", "https://user:…@h.test/a?x=1"],
    ["https://h.test/p?token=abcdefghijklmnopqrstuvwx&n=2", "https://h.test/p?token=abcd…wx&n=2"],
    ["https://h.test/cb#access_token=abcdefghijklmnopqrst", "https://h.test/cb#access_token=abcd…st"],
    ["https://h.test/hooks/T000A1B2C3D4E5F6G7H8/x", "https://h.test/hooks/T000…H8/x"],
  ])("case %# hides secret-looking parts", (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
