import { describe, expect, it } from "vitest";
import { sniffEncoding } from "../src/content/decode.js";
import { textPieces } from "../src/content/text.js";
import { positionsOf } from "../src/findings.js";

async function* one(s: string) {
  yield s;
}

describe("textPieces", () => {
  it("covers the text with overlapping pieces whose tails the next piece repeats", async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `line ${i} ${"x".repeat(i % 37)}`).join("\n");
    const pieces = [];
    for await (const p of textPieces(one(text), { chunkSize: 1000, overlap: 100 })) pieces.push(p);
    expect(pieces.length).toBeGreaterThan(10);
    let rebuilt = "";
    for (const p of pieces) rebuilt += p.tailStart === undefined ? p.text : p.text.slice(0, p.tailStart);
    expect(rebuilt).toBe(text);
    for (const p of pieces) {
      const lines = text.split("\n");
      const before = lines.slice(0, p.line - 1).join("\n").length + (p.line > 1 ? 1 : 0);
      expect(text.slice(before + p.column - 1, before + p.column - 1 + 20)).toBe(p.text.slice(0, 20));
    }
  });

  it("splits a huge single line and keeps columns exact", async () => {
    const text = "a".repeat(5000);
    const pieces = [];
    for await (const p of textPieces(one(text), { chunkSize: 1000, overlap: 100 })) pieces.push(p);
    expect(pieces[1]!.line).toBe(1);
    expect(pieces[1]!.column).toBe(1001);
  });
});

describe("positionsOf", () => {
  it("gives 1-based line and column for offsets in any order", () => {
    const chunk = {
      text: "ab\ncd\n\nefg",
      target: "t",
      item: "x",
      line: 10,
      column: 1,
      provenance: { source: "fs" as const, path: "x" },
    };
    expect(positionsOf(chunk, [8, 0, 4])).toEqual([
      { line: 13, column: 2 },
      { line: 10, column: 1 },
      { line: 11, column: 2 },
    ]);
  });
});

it.each([
  ["abc\u0000def", "latin1", "binary"],
  ["plain text", "latin1", "utf-8"],
  ["\ufeffwith BOM", "utf8", "utf-8"],
  ["\ufeffTOKEN=x", "utf16le", "utf-16le"],
  ["TOKEN=x and more", "utf16le", "utf-16le"],
] as const)("tells the encoding of sample %#", (text, enc, want) => {
  expect(sniffEncoding(Buffer.from(text, enc))).toBe(want);
});

it("tells UTF-16BE with and without a BOM", () => {
  const be = (t: string) => Buffer.from(t, "utf16le").swap16();
  expect(sniffEncoding(be("\ufeffTOKEN=x"))).toBe("utf-16be");
  expect(sniffEncoding(be("TOKEN=x and more"))).toBe("utf-16be");
});
