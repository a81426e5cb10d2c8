import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Pos, shiftPos } from "../src/content/file-range.js";
import { readFilePieces, readFileRange, type SyncReadOptions } from "../src/content/file-sync.js";
import { advance, type TextPiece } from "../src/content/text.js";
import { createMatchEngine, type MatchEngine } from "../src/match/index.js";
import { fakeToken, manifestOf } from "./known-helpers.js";

const dir = mkdtempSync(path.join(tmpdir(), "residue-range-pieces-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every copy found in a file read with `clear`, at its line and column, and the characters decoded. */
function copies(engine: MatchEngine, file: string, opts: SyncReadOptions, clear: boolean) {
  const found: string[] = [];
  let decoded = 0;
  let base: Pos = { line: 1, column: 1 };
  const onPiece = (p: TextPiece) => {
    decoded += p.text.length;
    const at = shiftPos(base, p);
    for (const m of engine.find(p.text)) {
      if (p.tailStart !== undefined && m.start >= p.tailStart) continue;
      const pos = shiftPos(at, advance({ line: 1, column: 1 }, p.text.slice(0, m.start)));
      found.push(
        `${pos.line}:${pos.column} ${m.kind === "known" ? m.secretId : ""} ${m.form} ${m.end - m.start}`,
      );
    }
  };
  const check = clear ? (engine.byteCheck ?? engine.clearBytes) : undefined;
  const read = readFilePieces(file, path.basename(file), opts, onPiece, check);
  if ("split" in read && read.split) {
    const { size, next, encoding } = read.split;
    base = shiftPos(base, read.end!);
    for (let from = next; from < size; from += opts.maxBytes) {
      const range = { from, to: Math.min(size, from + opts.maxBytes), size, encoding };
      const r = readFileRange(file, range, opts, onPiece, check);
      if ("end" in r) base = shiftPos(base, r.end!);
    }
  }
  return { found: [...new Set(found)].sort(), decoded };
}

describe("decoding only the stretches of a range around the byte check's hits (range-pieces.ts)", () => {
  it("finds every copy, in every form, where decoding the whole file finds it, decoding a fraction", async () => {
    const secrets = [fakeToken(), fakeToken()];
    const engine = createMatchEngine({ manifests: [await manifestOf(secrets)] });
    expect(engine.byteCheck).toBeDefined();
    const forms = [
      (s: string) => s,
      (s: string) => s.slice(2, 28),
      (s: string) => Buffer.from(s).toString("base64"),
      (s: string) => Buffer.from(`x${s}`).toString("base64"),
      (s: string) => Buffer.from(`xy${s}`).toString("base64url"),
      (s: string) => Buffer.from(s).toString("hex").toUpperCase(),
      (s: string) => JSON.stringify(JSON.stringify({ k: s })),
    ];
    for (const [k, accent] of ["", "é€ "].entries()) {
      const lines = Array.from(
        { length: 12000 },
        (_, i) => `${accent}row ${i}: value = compute(${i}, "abc");`,
      );
      for (const [i, form] of forms.entries()) {
        const at = 1 + ((i * 1777 + k * 311) % lines.length);
        lines.splice(at, 0, `  key${i} = ${form(secrets[i % 2]!)} // ${i}`);
      }
      // copies on both sides of a range boundary, and two close together
      lines.splice(6000, 0, `${secrets[0]}${"z".repeat(9)}${secrets[1]}`);
      const file = path.join(dir, `planted-${k}.txt`);
      writeFileSync(file, lines.join("\n"));
      for (const maxBytes of [4 << 20, 150_000]) {
        const opts = { readBinary: true, maxBytes, chunk: { chunkSize: 20_000, overlap: 2_000 } };
        const whole = copies(engine, file, opts, false);
        const stretched = copies(engine, file, opts, true);
        expect(whole.found.length, `accent ${k}, ranges of ${maxBytes}`).toBeGreaterThanOrEqual(
          forms.length + 2,
        );
        expect(stretched.found, `accent ${k}, ranges of ${maxBytes}`).toEqual(whole.found);
        expect(stretched.decoded, `accent ${k}, ranges of ${maxBytes}`).toBeLessThan(whole.decoded / 3);
      }
    }
  });
});
