/** The random validator: per-alphabet entropy cut-offs, words and identifiers refused, base64 judged by its text. */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../fixtures/prng.mjs";
import { isRandom, isWordy, randomEntropyCutoff } from "../src/match/validators/random.js";

/** n characters drawn from an alphabet with the fixtures' seeded PRNG. */
function draw(alphabet: string, n: number, seed: number): string {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join("");
}

const HEX = "0123456789abcdef";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

describe("entropy cut-offs by alphabet", () => {
  it("is lower for hex than for alphanumeric values of the same length", () => {
    expect(randomEntropyCutoff("a".repeat(32).replace(/a/g, "f"))).toBeCloseTo(3.25, 2);
    expect(randomEntropyCutoff(draw(ALNUM, 32, 3))).toBeGreaterThan(3.9);
  });

  it.each([16, 24, 32, 40, 64])("keeps nearly every random hex value of %i characters", (n) => {
    const kept = Array.from({ length: 200 }, (_, i) => draw(HEX, n, i + 1)).filter(isRandom).length;
    expect(kept).toBeGreaterThanOrEqual(190);
  });

  it.each([20, 32, 48])("keeps nearly every random alphanumeric value of %i characters", (n) => {
    const kept = Array.from({ length: 200 }, (_, i) => draw(ALNUM, n, i + 7)).filter(isRandom).length;
    expect(kept).toBeGreaterThanOrEqual(185);
  });
});

describe("what is not random", () => {
  it.each([
    "NEXUS-GPT4-API-KEY",
    "getUserAccountSettings",
    "DOC_Vector_5_32",
    "rc0.13.0_20230412_0712-SNAPSHOT",
    "configurationmanager",
  ])("wordy value %# is refused", (v) => {
    expect(isWordy(v)).toBe(true);
    expect(isRandom(v)).toBe(false);
  });

  it.each([
    "../lib/helpers/AxiosURLSearchParams.js",
    "/etc/ssl/private/server-2024.pem",
    "0000111122223333444455556666",
    "1234567890123456789012",
    Buffer.from("dummy value for the tests").toString("base64"),
  ])("value %# is refused", (v) => expect(isRandom(v)).toBe(false));

  it.each([
    "7a2f9a4289e530bef6dbf31f4cbf63d5",
    "a6b07038-e956-4c54-88af-1d71a0dabd53",
    "nAH2VzKrMrRjySLlt8HCdFU3tM2TUuUZgh39NX",
    Buffer.from("9f2c8e1a4b7d3f6e0a5c8b1d4e7f2a9c").toString("base64"),
  ])("token %# is random", (v) => expect(isRandom(v)).toBe(true));
});
