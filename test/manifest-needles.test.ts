/**
 * Manifest format 3: needles (sealed window hashes of a secret's encoded forms) let a scan find
 * encoded copies in one pass over the raw text; format 2 manifests still load and find them by
 * decoding all text; the needle count says nothing about a secret's characters.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addToManifest, loadManifest } from "../src/manifest/index.js";
import { WINDOW, windowHash } from "../src/manifest/keys.js";
import { encodedForms, needleCount, needleHashes, needleStep } from "../src/manifest/needles.js";
import { createMatchEngine } from "../src/match/index.js";
import { knownMatcher } from "../src/match/known.js";
import { fakeToken, tempDir } from "./known-helpers.js";

const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function alnum(n: number, seed: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += B62[(seed * 31 + i * i * 7 + i) % 62];
  return s;
}

/** The encoded copies a scan must find of s, with the form each is reported as. */
function copies(s: string): [string, string][] {
  const b = Buffer.from(s);
  return [
    [`auth: ${Buffer.from(`u:${s}`).toString("base64")}\n`, "base64"],
    [`k=${b.toString("hex")};`, "hex"],
    [`K=${b.toString("hex").toUpperCase()};`, "hex"],
    [`{"t":"${Buffer.from(`xy${s}`).toString("base64url")}"}`, "base64"],
  ];
}

async function manifestFile(secrets: string[]): Promise<string> {
  const file = path.join(tempDir(), "m.json");
  await addToManifest(
    file,
    secrets.map((value, i) => ({ id: `s${i}`, value })),
    { env: {} },
  );
  return file;
}

/** The file as format 2 wrote it: version 2, no needles. */
function asFormat2(file: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  lines[0] = lines[0]!.replace('"version":3', '"version":2');
  writeFileSync(file, lines.map((l) => l.replace(/,"x":"[^"]*"/, "")).join("\n"));
}

describe("manifest needles (format 3)", () => {
  it("a new manifest is format 3 with needles; a scan with it needs no decoded views of all text", async () => {
    const file = await manifestFile([fakeToken()]);
    expect(readFileSync(file, "utf8")).toMatch(/^\{"format":"residue-manifest","version":3,/);
    expect(readFileSync(file, "utf8")).toMatch(/"x":"/);
    expect(knownMatcher([await loadManifest(file, { env: {} })]).needles).toBe(true);
  });

  it.each([0, 1])(
    "finds every encoded copy with needles (0) and from a format 2 manifest (1)",
    async (old) => {
      const s = fakeToken();
      const file = await manifestFile([s]);
      if (old) asFormat2(file);
      const m = await loadManifest(file, { env: {} });
      expect(knownMatcher([m]).needles).toBe(old === 0);
      const engine = createMatchEngine({ manifests: [m] });
      for (const [text, form] of copies(s)) {
        const found = engine.find(text).filter((f) => f.match === "exact");
        expect(found.map((f) => [f.secretId, f.form])).toEqual([["s0", form]]);
      }
    },
  );

  it("every needle of a form is at an offset a multiple of its step, and every whole copy holds one at a 4th position", () => {
    const s = alnum(40, 1);
    const hs = new Set(needleHashes(s));
    for (const f of encodedForms(s)) {
      const t = needleStep(f.length);
      expect(t % 2).toBe(1);
      for (let shift = 0; shift < 4; shift++) {
        const text = `${"#".repeat(shift)}${f}`;
        let seen = false;
        for (let i = 0; i + WINDOW <= text.length; i += 4) seen ||= hs.has(windowHash(text, i));
        expect(seen).toBe(true);
      }
    }
  });

  it("entries of secrets of one length hold as many needles, whatever their characters", () => {
    for (const len of [16, 24, 40, 64]) {
      const counts = new Set([1, 2, 3, 4, 5].map((k) => needleHashes(alnum(len, k))!.length));
      expect([...counts]).toEqual([needleCount(len)]);
    }
  });

  it("a secret with a PEM block gets no needles (its manifest decodes all text)", () => {
    expect(needleHashes(`-----BEGIN KEY-----\n${alnum(64, 3)}\n-----END KEY-----`)).toBeUndefined();
  });
});
