/**
 * A HAR field's chunks (har-field.ts): a value of several chunks full of JSON escapes keeps an
 * exact column for every character, at chunk starts, inside overlaps and at the last character;
 * and each chunk's text is the decoded value's piece.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../fixtures/prng.mjs";
import { fieldChunks, ownCopy } from "../src/content/har-field.js";
import { DEFAULT_CHUNK_SIZE, DEFAULT_OVERLAP } from "../src/content/text.js";

/** A seeded value of `n` characters mixing plain text with characters JSON escapes. */
function escapeHeavy(n: number): string {
  const rnd = mulberry32(1616);
  const odd = ['"', "\\", "\n", "\t", "\u0001", "é", "😀", "/"];
  let s = "";
  while (s.length < n)
    s += rnd() < 0.1 ? odd[Math.floor(rnd() * odd.length)] : "abcdefgh"[Math.floor(rnd() * 8)];
  return s;
}

/** Decodes the JSON string whose raw text starts at `raw` (after the quote): one character. */
function charAt(text: string, raw: number): string {
  if (text[raw] !== "\\") return text[raw]!;
  const len = text[raw + 1] === "u" ? 6 : 2;
  return JSON.parse(`"${text.slice(raw, raw + len)}"`) as string;
}

describe("a HAR field of many chunks", () => {
  const value = escapeHeavy(3 * DEFAULT_CHUNK_SIZE + 5000);
  const prefix = '      {"response": {"content": {"text": ';
  const text = `${prefix}${JSON.stringify(value)}}}}`;
  const spot = { offset: prefix.length, line: 7, column: prefix.length + 1 };
  const field = { field: "response.content.text", value, path: ["response", "content", "text"] };
  const chunks = [
    ...fieldChunks(text, field, spot, { source: "har", path: "t.har" }, { target: "t", item: "i" }),
  ];

  it("cuts the value into overlapping chunks of its decoded text", () => {
    expect(chunks.length).toBe(4);
    for (const [k, c] of chunks.entries()) {
      const start = k * DEFAULT_CHUNK_SIZE;
      expect(c.text).toBe(value.slice(start, start + DEFAULT_CHUNK_SIZE + DEFAULT_OVERLAP));
    }
  });

  it("maps every checked offset of every chunk to its raw character's column", () => {
    const rnd = mulberry32(16);
    for (const c of chunks) {
      const offsets = [0, 1, c.text.length - 1, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE + 1];
      for (let i = 0; i < 200; i++) offsets.push(Math.floor(rnd() * c.text.length));
      for (const o of offsets.filter((x) => x < c.text.length)) {
        const p = c.position!(o);
        expect(p.line).toBe(7);
        // column is 1-based within the line; the entry's text here is that one line
        expect(charAt(text, p.column - 1), `offset ${o}`).toBe(c.text[o]);
      }
    }
  });

  it("copies a part of a string and keeps a whole one as it is", () => {
    const s = "0123456789".repeat(10);
    expect(ownCopy(s, 5, 25)).toBe(s.slice(5, 25));
    expect(ownCopy(s, 90, 500)).toBe(s.slice(90));
    expect(ownCopy(s, 0, 500)).toBe(s);
  });
});
