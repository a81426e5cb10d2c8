/**
 * Issue 11, played as an attacker: given only a manifest made by a plain `manifest add`, the
 * known-prefix chain and a brute force of the first window recover nothing; given its key too,
 * the same code recovers the secret (so the attack is real, and only the key stops it).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readKeyFile } from "../src/manifest/key-store.js";
import { deriveKeys, fingerprint, shortHash, WINDOW, windowHash } from "../src/manifest/keys.js";
import { unseal } from "../src/manifest/seal.js";
import { cli } from "./helpers/cli.js";
import { tempDir } from "./known-helpers.js";

const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function random62(n: number): string {
  return Array.from(randomBytes(n), (b) => B62[b % 62]).join("");
}

/** What the attacker holds: the manifest file, and in the second case its key file. */
async function plainAdd(secret: string): Promise<{ manifest: Record<string, unknown>; keyFile: string }> {
  const dir = tempDir();
  const env = { XDG_CONFIG_HOME: path.join(dir, "config") };
  const r = await cli(["manifest", "add"], { cwd: dir, stdin: `${secret}\n`, env });
  expect(r.code).toBe(0);
  const keyFile = /new key for \S+: (\S+) /.exec(r.out)?.[1] ?? "";
  return { manifest: JSON.parse(readFileSync(path.join(dir, "residue.manifest.json"), "utf8")), keyFile };
}

type Entry = { w?: string; s?: number; fp: string; length: number };

/** The stored window values of an entry, as numbers. */
function stored(e: Entry): Set<number> {
  const b = Buffer.from(e.w ?? "", "base64");
  return new Set(Array.from({ length: b.length / 4 }, (_, i) => b.readUInt32LE(4 * i)));
}

/**
 * The attack: brute-force the first window's unknown characters (after a known prefix), then
 * extend one character at a time while some candidate's window is in the stored set.
 */
function recover(
  set: Set<number>,
  hash: (window: string) => number,
  prefix: string,
  length: number,
  alphabet: string,
): string | undefined {
  const firsts: string[] = [];
  const unknown = WINDOW - prefix.length;
  const walk = (s: string) => {
    if (s.length === WINDOW) {
      if (set.has(hash(s))) firsts.push(s);
      return;
    }
    for (const c of alphabet) walk(s + c);
  };
  if (unknown > 0) walk(prefix);
  else if (set.has(hash(prefix.slice(0, WINDOW)))) firsts.push(prefix);
  for (const first of firsts) {
    let s = first;
    while (s.length < length) {
      const next = [...alphabet].find((c) => set.has(hash(`${s.slice(s.length - WINDOW + 1)}${c}`)));
      if (next === undefined) break;
      s += next;
    }
    if (s.length === length) return s;
  }
  return undefined;
}

describe("a stolen manifest (issue 11)", () => {
  it("an API key with a known prefix: nothing without the key; the secret with it", async () => {
    const secret = `sk_live_51${random62(30)}`;
    const { manifest, keyFile } = await plainAdd(secret);
    const e = (manifest.entries as Entry[])[0]!;
    const prefix = secret.slice(0, 10); // the attacker knows the provider's 10-character prefix
    const publicHash = (w: string) => windowHash(w, 0);
    // the file alone: the fast window hash is public, the stored values are sealed
    expect(recover(stored(e), publicHash, prefix, e.length, B62)).toBeUndefined();
    expect([...stored(e)].filter((v) => v === publicHash(secret.slice(0, WINDOW)))).toEqual([]);
    // the file and its key: unseal, then the very same attack
    const keys = deriveKeys(readKeyFile(keyFile).bytes, String(manifest.salt));
    const open = new Set([...stored(e)].map((v) => unseal(keys.seal, v)));
    expect(recover(open, publicHash, prefix, e.length, B62)).toBe(secret);
  });

  it("a PEM private key (its header is public): nothing without the key; the key body with it", async () => {
    const body = randomBytes(300)
      .toString("base64")
      .replace(/(.{64})/g, "$1\n");
    const secret = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    const { manifest, keyFile } = await plainAdd(secret);
    const e = (manifest.entries as Entry[])[0]!;
    const alphabet = `${B62}+/=-\n ABEGIKNPRSTVY`;
    const publicHash = (w: string) => windowHash(w, 0);
    expect(recover(stored(e), publicHash, secret.slice(0, WINDOW), e.length, alphabet)).toBeUndefined();
    const keys = deriveKeys(readKeyFile(keyFile).bytes, String(manifest.salt));
    const open = new Set([...stored(e)].map((v) => unseal(keys.seal, v)));
    expect(recover(open, publicHash, secret.slice(0, WINDOW), e.length, alphabet)).toBe(secret);
  });

  it("a short password from a wordlist: no guess can be tested without the key", async () => {
    const words = Array.from({ length: 2000 }, (_, i) => `Summer${2000 + i}!`);
    const secret = words[1337]!;
    const { manifest, keyFile } = await plainAdd(secret);
    const e = (manifest.entries as Entry[])[0]!;
    const test = (guess: string, fpKey: Buffer, open: (v: number) => number) =>
      fingerprint(fpKey, guess) === e.fp || open(e.s!) === shortHash(guess, 0, guess.length);
    // without the key the attacker can only try what the file holds (its salt and key id) as keys
    const fileKeys = [String(manifest.salt), String(manifest.keyId)].map((k) => Buffer.from(k));
    for (const k of fileKeys) expect(words.filter((w) => test(w, k, (v) => v))).toEqual([]);
    const keys = deriveKeys(readKeyFile(keyFile).bytes, String(manifest.salt));
    expect(words.filter((w) => test(w, keys.fp, (v) => unseal(keys.seal, v)))).toEqual([secret]);
  });
});
