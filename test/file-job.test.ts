import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Pos, shiftPos } from "../src/content/file-range.js";
import { readFilePieces, readFileRange } from "../src/content/file-sync.js";
import { advance, type TextPiece, textPieces } from "../src/content/text.js";
import { runFileJobs } from "../src/match/file-job.js";
import type { RawMatch, TextMatcher } from "../src/types.js";

const dir = mkdtempSync(path.join(tmpdir(), "residue-file-job-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const opts = { readBinary: false, maxBytes: 1 << 20, chunk: { chunkSize: 1000, overlap: 100 } };

/** A matcher that reports every "NEEDLE" in a text. */
const needles: TextMatcher = {
  find(text: string): RawMatch[] {
    const out: RawMatch[] = [];
    for (let i = text.indexOf("NEEDLE"); i !== -1; i = text.indexOf("NEEDLE", i + 1))
      out.push({ kind: "pattern", ruleId: "r", start: i, end: i + 6, value: "NEEDLE" } as RawMatch);
    return out;
  },
};

describe("reading files with synchronous reads (worker threads)", () => {
  it("splits a file into the same pieces as the streaming chunker, across 1 MiB reads", async () => {
    const text = Array.from({ length: 60000 }, (_, i) => `line ${i} ${"é".repeat(i % 29)}`).join("\n");
    const p = file("big.txt", `\ufeff${text}`);
    const got: unknown[] = [];
    const read = readFilePieces(p, "big.txt", { ...opts, maxBytes: 4 << 20 }, (x) => got.push(x));
    expect(read.kind).toBe("text");
    const want: unknown[] = [];
    for await (const x of textPieces(
      (async function* () {
        yield text;
      })(),
      opts.chunk,
    ))
      want.push(x);
    expect(got).toEqual(want);
  });

  it("skips or reads binary, and leaves archives, HARs and UTF-16 files over the limit to the streaming layer", () => {
    const bin = file("a.bin", Buffer.from([1, 0, 2, 0, 0, 0, 65, 66]));
    expect(readFilePieces(bin, "a.bin", opts, () => {}).kind).toBe("skip");
    const pieces: string[] = [];
    expect(readFilePieces(bin, "a.bin", { ...opts, readBinary: true }, (x) => pieces.push(x.text)).kind).toBe(
      "binary",
    );
    expect(pieces.join("")).toBe(Buffer.from([1, 0, 2, 0, 0, 0, 65, 66]).toString("latin1"));
    const zip = file("a.dat", Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]));
    expect(readFilePieces(zip, "a.dat", opts, () => {}).kind).toBe("defer");
    const har = file("a.har", "{}");
    expect(readFilePieces(har, "a.har", opts, () => {}).kind).toBe("defer");
    const big = file("big2.txt", Buffer.from(`\ufeff${"x".repeat(2000)}`, "utf16le"));
    expect(readFilePieces(big, "big2.txt", { ...opts, maxBytes: 1000 }, () => {}).kind).toBe("defer");
  });

  it("splits a file cleared from its bytes into the pieces decoding it gives, at the same places", () => {
    const lines = Array.from(
      { length: 4000 },
      (_, i) => `${i % 17 ? "" : "\n"}row ${i} ${"ab ".repeat(i % 61)}`,
    );
    const p = file("cleared.txt", lines.join("\n"));
    for (const o of [opts, { ...opts, maxBytes: 9973 }]) {
      const place = (x: TextPiece) => `${x.line}:${x.column}:${x.offset}:${x.tailStart}:${x.text.length > 0}`;
      const decoded: string[] = [];
      const undecoded: string[] = [];
      readFilePieces(p, "cleared.txt", o, (x) => decoded.push(place({ ...x, text: "" })));
      const read = readFilePieces(
        p,
        "cleared.txt",
        o,
        (x) => undecoded.push(place(x)),
        () => true,
      );
      expect(read.kind).toBe("text");
      expect(undecoded).toEqual(decoded);
      expect(decoded.length).toBeGreaterThan(3);
    }
  });

  it("reads a file over the limit in ranges: every copy once, at its line and column, across boundaries", () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `${"é".repeat(i % 7)}row ${i}${i % 13 ? "" : " NEEDLE"} ${"ab".repeat(i % 40)}`,
    );
    const p = file("ranges.txt", lines.join("\n"));
    const want = lines.flatMap((l, i) =>
      l.includes("NEEDLE") ? [`${i + 1}:${l.indexOf("NEEDLE") + 1}`] : [],
    );
    const o = { ...opts, maxBytes: 997 };
    const got: string[] = [];
    let base: Pos = { line: 1, column: 1 };
    const collect = (x: TextPiece) => {
      for (const m of needles.find(x.text)) {
        if (x.tailStart !== undefined && m.start >= x.tailStart) continue;
        const at = shiftPos(base, advance({ line: x.line, column: x.column }, x.text.slice(0, m.start)));
        got.push(`${at.line}:${at.column}`);
      }
    };
    const first = readFilePieces(p, "ranges.txt", o, collect);
    if (first.kind !== "text" || !first.split) throw new Error("a split text expected");
    base = shiftPos(base, first.end!);
    const { size, next, encoding } = first.split;
    for (let from = next; from < size; from += o.maxBytes) {
      const r = readFileRange(p, { from, to: Math.min(size, from + o.maxBytes), size, encoding }, o, collect);
      if (r.kind !== "text") throw new Error("text expected");
      base = shiftPos(base, r.end!);
    }
    expect(got).toEqual(want);
  });

  it("matches a batch in order, sends text back only for pieces that matched, and names unreadable files", () => {
    const a = file("one.txt", `a\nb NEEDLE\n${"z".repeat(3000)}`);
    const b = file("two.txt", "nothing here");
    const results = runFileJobs(
      needles,
      [
        { file: a, name: "one.txt" },
        { file: path.join(dir, "missing.txt"), name: "missing.txt" },
        { file: b, name: "two.txt" },
      ],
      opts,
    );
    expect(results.map((r) => r.kind)).toEqual(["text", "error", "text"]);
    const first = results[0]!;
    if (first.kind !== "text") throw new Error("text expected");
    expect(first.pieces.length).toBeGreaterThan(1);
    expect(first.pieces[0]!.matches).toHaveLength(1);
    expect(first.pieces[0]!.text).toContain("NEEDLE");
    expect(first.pieces[1]!.text).toBeUndefined();
    expect(results[1]).toEqual({ kind: "error", reason: "vanished before it could be read" });
  });

  it("leaves the rest of a batch to the streaming layer once its matched text passes the budget", () => {
    const dense = file("dense.txt", "NEEDLE\n".repeat(300000));
    const after = file("after.txt", "NEEDLE");
    const results = runFileJobs(
      needles,
      Array.from({ length: 4 }, () => ({ file: dense, name: "dense.txt" })).concat([
        { file: after, name: "after.txt" },
      ]),
      { ...opts, maxBytes: 4 << 20, chunk: {} },
    );
    expect(results[0]!.kind).toBe("text");
    expect(results.at(-1)!.kind).toBe("defer");
  });
});
