import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../fixtures/prng.mjs";
import { cleanLog, cleanLogChunk } from "../src/content/log-clean.js";
import { openSource } from "./helpers/source-run.js";
import { collect, findLiteral, positionIn, recordingContext } from "./logs-helpers.js";

const dir = path.resolve("fixtures/logs");
const secret = readFileSync(path.join(dir, "secret.txt"), "utf8").trim();
const styles = ["github-actions", "gitlab", "jenkins"];

describe.each(styles)("%s log", (style) => {
  it("finds the printed secret at its line and column in the original file", async () => {
    const file = path.join(dir, style, "found.txt");
    const ctx = recordingContext();
    const hits = findLiteral(await collect(await openSource(`logs:${file}`, ctx)), secret);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ provenance: { source: "logs", path: file } });
    expect({ line: hits[0]!.line, column: hits[0]!.column }).toEqual(
      positionIn(readFileSync(file, "utf8"), secret),
    );
    expect(ctx.errors).toEqual([]);
  });

  it("leaves no escape, prefix or marker in the text and keeps the mask", async () => {
    const ctx = recordingContext();
    const chunks = await collect(await openSource(`logs:${path.join(dir, style, "clean.txt")}`, ctx));
    const text = chunks.map((c) => c.text).join("");
    expect(text).not.toContain("\x1b");
    expect(text).not.toMatch(/section_(start|end)|^\[?\d{4}-\d{2}-\d{2}T/m);
    expect(text).toMatch(/\*\*\*|\[MASKED\]/);
    expect(findLiteral(chunks, secret)).toEqual([]);
  });
});

describe("cleanLog", () => {
  it.each([
    ["2024-05-01T10:00:00.1234567Z hello", "hello"],
    ["[2024-05-01T10:00:00.123Z] hello", "hello"],
    ["\x1b[31mred\x1b[0m plain", "red plain"],
    ["\x1b[0Ksection_start:1:build[collapsed=true]\r\x1b[0Kgo", "go"],
    ["\x1b]8;;https://x.test\x07link\x1b]8;;\x07", "link"],
    ["a *** b [MASKED] c ****", "a *** b [MASKED] c ****"],
    ["2024-05-01T10:00:00.123456Z 00O $ npm ci\n2024-05-01T10:00:01.123456Z 01E warn", "$ npm ci\nwarn"],
    [
      "2024-05-01T10:00:00.123456Z 00O long li\n2024-05-01T10:00:00.123456Z 00O+ ne joined\n",
      "long line joined\n",
    ],
    ["value 2024-05-01T10:00:00Z stays mid-line", "value 2024-05-01T10:00:00Z stays mid-line"],
  ])("case %# strips only noise", (input, output) => {
    expect(cleanLog(input).text).toBe(output);
  });

  it("maps offsets of a cleaned multi-line chunk back to the original line and column", () => {
    const original = "2024-05-01T10:00:00Z \x1b[1mab\x1b[0mXYZ\n\x1b[32mok\x1b[0m QRS\n";
    const chunk = cleanLogChunk({
      text: original,
      line: 7,
      column: 1,
      provenance: { source: "logs", path: "x" },
      target: "t",
      item: "x",
    });
    expect(chunk.text).toBe("abXYZ\nok QRS\n");
    expect(chunk.position!(chunk.text.indexOf("XYZ"))).toEqual({
      line: 7,
      column: original.indexOf("XYZ") + 1,
    });
    const second = original.indexOf("\n") + 1;
    expect(chunk.position!(chunk.text.indexOf("QRS"))).toEqual({
      line: 8,
      column: original.indexOf("QRS") - second + 1,
    });
  });

  it("joins a line the GitLab runner split, and places a copy cut in two at its start", () => {
    const original = "2024-05-01T10:00:00.1Z 00O key=abcdef\r\n2024-05-01T10:00:00.2Z 00O+ ghijkl end\n";
    const chunk = cleanLogChunk({
      text: original,
      line: 3,
      column: 1,
      provenance: { source: "logs", path: "x" },
      target: "t",
      item: "x",
    });
    expect(chunk.text).toBe("key=abcdefghijkl end\n");
    expect(chunk.position!(chunk.text.indexOf("abcdefghijkl"))).toEqual({ line: 3, column: 32 });
    expect(chunk.position!(chunk.text.indexOf("end"))).toEqual({ line: 4, column: 36 });
  });

  it("maps the overlap start of a chunk into the cleaned text", () => {
    const original = "\x1b[1mone\x1b[0m\n\x1b[1mtwo\x1b[0m\n";
    const tailStart = original.indexOf("\n") + 1;
    const chunk = cleanLogChunk({
      text: original,
      line: 1,
      tailStart,
      provenance: { source: "logs", path: "x" },
      target: "t",
      item: "x",
    });
    expect(chunk.text.slice(chunk.tailStart)).toBe("two\n");
  });
});

describe("cleanLog on generated noisy logs", () => {
  const rng = mulberry32;
  const noise = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[1;33;40m",
    "\x1b[0K",
    "\x1b]8;;https://x.test\x07",
    "\x1b[8mha:////4AAAA=\x1b[0m",
    "\x1b[0Ksection_start:1714557600:step_1[collapsed=true]\r\x1b[0K",
  ];
  const prefixes = ["", "2024-05-01T10:00:00.1234567Z ", "[2024-05-01T10:00:00.123Z] "];

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i: every token maps back to its place in the original", (seed) => {
    const rand = rng(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const tokens: { token: string; line: number; column: number }[] = [];
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      let line = pick(prefixes);
      for (let k = 0; k < 4; k++) {
        line += rand() < 0.5 ? pick(noise) : "";
        if (rand() < 0.3) {
          const token = `tok${seed}x${i}x${k}`;
          tokens.push({ token, line: i + 1, column: line.length + 1 });
          line += token;
        } else line += "word ";
      }
      lines.push(line);
    }
    const original = `${lines.join("\n")}\n`;
    const chunk = cleanLogChunk({
      text: original,
      line: 1,
      provenance: { source: "logs", path: "x" },
      target: "t",
      item: "x",
    });
    expect(chunk.text).not.toContain("\x1b");
    for (const t of tokens) {
      const at = chunk.text.indexOf(t.token);
      const pos = chunk.position ? chunk.position(at) : { line: 0, column: 0 };
      expect(pos).toEqual({ line: t.line, column: t.column });
    }
  });
});
