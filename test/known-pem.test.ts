import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { textPieces } from "../src/content/text.js";
import { createMatchEngine } from "../src/match/index.js";
import { fakeToken, findIn, manifestOf } from "./known-helpers.js";

/** A fake PEM private key (random body, wrapped at 64). */
function fakePem(): string {
  const body = randomBytes(900)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
}

function bodyOf(pem: string): string {
  return pem.split("\n").slice(1, -1).join("");
}

describe("known-secret matcher: PEM keys", () => {
  it("finds the key as written (plain)", async () => {
    const pem = fakePem();
    const found = await findIn([pem], `key: |\n${pem}\n`);
    expect(found.map((m) => [m.form, m.match])).toEqual([["plain", "exact"]]);
  });

  it.each([
    ["re-wrapped at 76", (b: string) => b.replace(/(.{76})/g, "$1\n")],
    ["indented", (b: string) => b.replace(/(.{64})/g, "$1\n    ")],
    ["CRLF", (b: string) => b.replace(/(.{64})/g, "$1\r\n")],
  ])("finds the key %s", async (_name, wrap) => {
    const pem = fakePem();
    const copy = `-----BEGIN PRIVATE KEY-----\r\n    ${wrap(bodyOf(pem))}\r\n    -----END PRIVATE KEY-----`;
    const found = await findIn([pem], `x:\n    ${copy}\n`);
    expect(found.map((m) => [m.form, m.match])).toEqual([["pem", "exact"]]);
  });

  it("finds the key joined with literal \\n escapes (a service-account JSON)", async () => {
    const pem = fakePem();
    const json = JSON.stringify({ type: "service_account", private_key: `${pem}\n`, client_email: "a@b.c" });
    const found = await findIn([pem], json);
    expect(found.map((m) => [m.form, m.match])).toEqual([["pem", "exact"]]);
    expect(json.slice(found[0]!.start, found[0]!.end)).toMatch(
      /^-----BEGIN PRIVATE KEY-----\\n.*-----END PRIVATE KEY-----$/,
    );
  });

  it("does not take another key with the same header for a copy", async () => {
    expect(await findIn([fakePem()], fakePem())).toEqual([]);
  });
});

describe("known-secret matcher: chunks and nesting", () => {
  it("finds a copy across a chunk boundary once", async () => {
    const s = fakeToken();
    const engine = createMatchEngine({ manifests: [await manifestOf([s])] });
    const text = `${"line of filler text\n".repeat(20)}xx${s}yy\n${"more filler\n".repeat(20)}`;
    async function* one() {
      yield text;
    }
    const kept = [];
    let pieces = 0;
    for await (const p of textPieces(one(), { chunkSize: 200, overlap: 100 })) {
      pieces++;
      const ms = engine.find(p.text).filter((m) => p.tailStart === undefined || m.start < p.tailStart);
      kept.push(...ms.filter((m) => m.match === "exact"));
    }
    expect(pieces).toBeGreaterThan(2);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.value).toBe(s);
  });

  it("finds a JSON-escaped copy inside a base64 blob (depth 2)", async () => {
    const s = `${fakeToken(12)}/${fakeToken(12)}`;
    const inner = Buffer.from(`{"token":"${s.replace("/", "\\/")}"}`).toString("base64");
    const found = await findIn([s], `config: ${inner}\n`);
    expect(found.map((m) => [m.form, m.match])).toEqual([["base64+json", "exact"]]);
  });

  it("reports every secret of a manifest, each where it is", async () => {
    const secrets = Array.from({ length: 50 }, () => fakeToken(24));
    const text = secrets.map((s, i) => `k${i}=${s}`).join("\n");
    const found = await findIn(secrets, text);
    expect(found.map((m) => m.secretId).sort()).toEqual(secrets.map((_, i) => `s${i}`).sort());
    expect(found.every((m) => text.slice(m.start, m.end) === secrets[Number(m.secretId!.slice(1))])).toBe(
      true,
    );
  });
});
