/** Decoded views: the skip search for base64 and hex runs against a plain regex over the same text. */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../fixtures/prng.mjs";
import { decodedViews } from "../src/match/decode.js";
import { findRuns } from "../src/match/decode-binary.js";

/** The runs a regex finds, each character read by its low byte (as latin1 would write it). */
function reference(text: string, minRun: number): { b64: number[]; hex: number[] } {
  const low = Array.from(text, (c) => String.fromCharCode(c.charCodeAt(0) & 255)).join("");
  const b64: number[] = [];
  const hex: number[] = [];
  for (const m of low.matchAll(new RegExp(`[A-Za-z0-9+/_-]{${minRun},}={0,2}`, "g"))) {
    const run = m[0].replace(/=+$/, "");
    b64.push(m.index, m.index + m[0].length);
    if (run.length < 32) continue;
    for (const h of run.matchAll(/[0-9a-fA-F]{32,}/g))
      hex.push(m.index + h.index, m.index + h.index + h[0].length);
  }
  return { b64, hex };
}

describe("findRuns", () => {
  it("finds the runs a regex finds, in text with wide characters and padding at its very end", () => {
    const next = mulberry32(5);
    const parts = [
      "QUJD",
      "ZGVm",
      "0123abcd",
      "ef45",
      "==",
      "=",
      " ",
      "\n",
      '"',
      "é",
      "\u0141",
      "\u2028",
      "+/",
      "-_",
    ];
    for (let k = 0; k < 50; k++) {
      let text = "";
      while (text.length < 400)
        text += parts[Math.floor(next() * parts.length)]!.repeat(1 + Math.floor(next() * 6));
      text += k % 2 ? "QUJDREVGR0hJSktMTU5PUFFS==" : "0123456789abcdef0123456789abcdef";
      for (const minRun of [16, 20]) expect(findRuns(text, minRun)).toEqual(reference(text, minRun));
    }
  });

  it("decodes a padded base64 run that ends the text", () => {
    const text = `x=${Buffer.from("a view that decodes to text at the end").toString("base64")}`;
    expect(text.endsWith("=")).toBe(true);
    const views = decodedViews(text);
    expect(views.map((v) => [v.form, v.end])).toContainEqual(["base64", text.length]);
    expect(views.some((v) => v.text.includes("decodes to text"))).toBe(true);
  });
});
