import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ManifestError } from "../src/errors.js";
import { addToManifest, listManifest, loadManifest, removeFromManifest } from "../src/manifest/index.js";
import { fakeToken, tempDir } from "./known-helpers.js";

function fakePem(): string {
  const body = randomBytes(600)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
}

/** Every form a copy of s takes, as the matcher looks for them. */
function forms(s: string): string[] {
  const b = Buffer.from(s);
  const hex = b.toString("hex");
  return [
    s,
    b.toString("base64"),
    b.toString("base64url"),
    Buffer.from(`u:${s}`).toString("base64"),
    Buffer.from(`uu:${s}`).toString("base64"),
    hex,
    hex.toUpperCase(),
    encodeURIComponent(s),
    JSON.stringify(s),
    s.replace(/\n/g, ""),
  ];
}

describe("manifest files", () => {
  it("holds no substring of 8 or more characters of any secret, in any form", async () => {
    const file = path.join(tempDir(), "m.json");
    const secrets = [fakeToken(), fakeToken(8, "pw"), fakePem(), `${fakeToken(10)}/+ ${fakeToken(10)}`];
    await addToManifest(
      file,
      secrets.map((value, i) => ({ id: `s${i}`, value })),
      { env: {} },
    );
    const text = readFileSync(file, "utf8");
    const leaks: string[] = [];
    for (const [i, s] of secrets.entries()) {
      for (const [f, enc] of forms(s).entries()) {
        for (let o = 0; o + 8 <= enc.length; o++)
          if (text.includes(enc.slice(o, o + 8))) leaks.push(`secret ${i} form ${f} offset ${o}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(JSON.parse(text).entries).toHaveLength(4);
  });

  it("keeps one entry when the same secret is added twice", async () => {
    const file = path.join(tempDir(), "m.json");
    const s = fakeToken();
    await addToManifest(file, [{ id: "a", value: s }], { env: {} });
    const again = await addToManifest(file, [{ id: "b", value: s }], { env: {} });
    expect(again.added).toEqual([]);
    expect(again.warnings[0]).toMatch(/already in the manifest as "a"/);
    expect((await listManifest(file)).map((e) => e.id)).toEqual(["a"]);
  });

  it("warns about a low-entropy secret and says why", async () => {
    const file = path.join(tempDir(), "m.json");
    const { added, warnings } = await addToManifest(file, [{ id: "weak", value: "password123" }], {
      env: {},
    });
    expect(added).toEqual(["weak"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/low entropy.*manifest.*guess/);
    const strong = await addToManifest(file, [{ id: "strong", value: fakeToken() }], { env: {} });
    expect(strong.warnings).toEqual([]);
  });

  it("lists ids, labels, tiers, lengths and dates only", async () => {
    const file = path.join(tempDir(), "m.json");
    const s = fakeToken();
    await addToManifest(file, [{ id: "ci-token", value: s, label: "CI deploy", tier: "privileged" }], {
      env: {},
    });
    const [e] = await listManifest(file);
    expect(Object.keys(e!).sort()).toEqual(["addedAt", "id", "label", "length", "tier"]);
    expect(e).toMatchObject({ id: "ci-token", label: "CI deploy", tier: "privileged", length: s.length });
  });

  it("removes entries, and refuses an unknown id without changing anything", async () => {
    const file = path.join(tempDir(), "m.json");
    await addToManifest(file, [
      { id: "a", value: fakeToken() },
      { id: "b", value: fakeToken() },
    ]);
    await expect(removeFromManifest(file, ["a", "nope"])).rejects.toThrow(/no entry with id "nope"/);
    expect((await listManifest(file)).map((e) => e.id)).toEqual(["a", "b"]);
    await removeFromManifest(file, ["a"]);
    expect((await listManifest(file)).map((e) => e.id)).toEqual(["b"]);
  });

  it("writes through a temporary file and leaves none behind", async () => {
    const dir = tempDir();
    const file = path.join(dir, "m.json");
    await addToManifest(file, [{ id: "a", value: fakeToken() }], { env: {} });
    await addToManifest(file, [{ id: "b", value: fakeToken() }], { env: {} });
    expect(readdirSync(dir)).toEqual(["m.json"]);
  });

  it.each([
    ["invalid JSON", "{not json", /not a residue manifest \(invalid JSON\)/],
    ["truncated", '{"format":"residue-manifest","version":2,"keyId":"0123456789abcdef"', /invalid JSON/],
    ["another file", '{"name":"x"}', /not a residue manifest/],
    [
      "unknown version",
      '{"format":"residue-manifest","version":7,"entries":[]}',
      /unknown manifest version 7/,
    ],
    [
      "bad entry",
      '{"format":"residue-manifest","version":2,"keyId":"0123456789abcdef","salt":"AAAA","window":13,"entries":[{"id":"a"}]}',
      /corrupt manifest: entries\.0\./,
    ],
    [
      "old format, keyed by a salt in the file",
      '{"format":"residue-manifest","version":1,"keyed":false,"salt":"AAAA","window":13,"entries":[]}',
      /old manifest format \(version 1\) refused: .*anyone holding it can test guesses.*re-add the secrets/,
    ],
  ])("refuses a corrupt manifest (%s) with one line", async (_name, text, message) => {
    const file = path.join(tempDir(), "m.json");
    writeFileSync(file, text);
    const err = await loadManifest(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain("\n");
  });
});
