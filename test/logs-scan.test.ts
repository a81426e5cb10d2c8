/** The sources through the real scan pipeline (positions, locators, errors), with a literal matcher. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deflatedFill, gzip, makeTar, makeZip } from "../fixtures/archives/make.js";
import { findingJson } from "../src/reporters/serialize.js";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { literalMatcher } from "./helpers/literal-matcher.js";
import { positionIn } from "./logs-helpers.js";

const secret = readFileSync("fixtures/logs/secret.txt", "utf8").trim();
const harSecrets = JSON.parse(readFileSync("fixtures/har/secrets.json", "utf8")) as Record<string, string>;

async function run(targets: string[], secrets: Record<string, string>, options = {}) {
  const r = scan({ targets, matcher: literalMatcher(secrets), workers: 1, ...options });
  const findings: Finding[] = [];
  for await (const f of r) findings.push(f);
  return { findings, errors: r.errors };
}

describe.each(["github-actions", "gitlab", "jenkins"])("scan of a %s log", (style) => {
  it("reports the printed secret on its line and column and not the masked one", async () => {
    const file = path.resolve("fixtures/logs", style, "found.txt");
    const { findings, errors } = await run([`logs:${file}`], { s1: secret });
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.provenance.source, f.line, f.column])).toEqual([
      ["logs", ...Object.values(positionIn(readFileSync(file, "utf8"), secret))],
    ]);
    expect(findings[0]!.uri).toBe(`${file}:${findings[0]!.line}:${findings[0]!.column}`);
    const clean = await run([`logs:${path.resolve("fixtures/logs", style, "clean.txt")}`], { s1: secret });
    expect(clean.findings).toEqual([]);
  });

  it("keeps positions exact across small overlapping chunks", async () => {
    const file = path.resolve("fixtures/logs", style, "found.txt");
    const { findings } = await run([`logs:${file}`], { s1: secret }, { chunkSize: 64, overlap: 48 });
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      Object.values(positionIn(readFileSync(file, "utf8"), secret)),
    ]);
  });
});

describe("scan of a generated noisy log in small chunks", () => {
  it("finds every token once, at its place in the original file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-scan-"));
    const tokens: Record<string, string> = {};
    const where: Record<string, [number, number]> = {};
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++) {
      let line = `2024-05-01T10:00:${String(i % 60).padStart(2, "0")}.${String(i).padStart(7, "0")}Z `;
      if (i % 3 === 0) line += "\x1b[36;1m";
      if (i % 5 === 0) line += `\x1b[0Ksection_start:1714557600:s${i}\r\x1b[0K`;
      line += `step ${i} `;
      if (i % 7 === 0) {
        const id = `t${i}`;
        tokens[id] = `fake_token_${String(i).padStart(5, "0")}_Zq8Lx2Vb`;
        where[id] = [i + 1, line.length + 1];
        line += tokens[id];
      }
      lines.push(`${line}\x1b[0m`);
    }
    const file = path.join(dir, "noisy.txt");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const { findings } = await run([`logs:${file}`], tokens, { chunkSize: 700, overlap: 150 });
    expect(findings.map((f) => [f.secretId, f.line, f.column])).toEqual(
      Object.keys(tokens).map((id) => [id, ...where[id]!]),
    );
  });
});

describe("scan of archives", () => {
  it("gives a nested copy its full locator, member and uri; a bomb and a corrupt zip become errors", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-scan-"));
    const inner = gzip(await makeTar([{ name: "file.txt", data: Buffer.from(`a\nkey=${secret}\n`) }]));
    writeFileSync(path.join(dir, "a-outer.zip"), makeZip([{ name: "dir/inner.tar.gz", data: inner }]));
    const bomb = await deflatedFill(48 * 1024 ** 2);
    writeFileSync(path.join(dir, "b-bomb.zip"), makeZip([{ name: "fill.txt", deflated: bomb }]));
    writeFileSync(
      path.join(dir, "c-corrupt.zip"),
      makeZip([{ name: "x.txt", data: Buffer.from("x") }]).subarray(0, 40),
    );
    writeFileSync(path.join(dir, "d-plain.txt"), `${secret}\n`);
    const { findings, errors } = await run([dir], { s1: secret });
    const json = findings.map((f) => findingJson(f));
    expect(json.map((j) => j.location)).toEqual([
      { path: `${dir}/a-outer.zip!dir/inner.tar.gz!file.txt`, member: "file.txt", line: 2, column: 5 },
      { path: `${dir}/d-plain.txt`, line: 1, column: 1 },
    ]);
    expect(json[0]!.uri).toBe(`${dir}/a-outer.zip!dir/inner.tar.gz!file.txt:2:5`);
    expect(errors.map((e) => e.item)).toEqual([`${dir}/b-bomb.zip!fill.txt`, `${dir}/c-corrupt.zip`]);
    expect(errors[0]!.reason).toMatch(/zip bomb/);
  });
});

describe("scan of a HAR", () => {
  it("reports each copy with entry, field, method and a redacted url", async () => {
    const file = path.resolve("fixtures/har/found.har");
    const { findings, errors } = await run([`har:${file}`], harSecrets);
    expect(errors).toEqual([]);
    const expected = JSON.parse(readFileSync("fixtures/har/found.expected.json", "utf8")) as {
      secret: string;
      entry: number;
      field: string;
    }[];
    const got = findings.map((f) => `${f.secretId} ${f.provenance.entry} ${f.provenance.field}`).sort();
    expect(got).toEqual(expected.map((e) => `${e.secret} ${e.entry} ${e.field}`).sort());
    const loc = findingJson(findings.find((f) => f.secretId === "authorization")!).location as Record<
      string,
      unknown
    >;
    expect(loc).toMatchObject({ entry: 0, field: "request.headers[authorization]", method: "GET" });
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[(loc.line as number) - 1]!.slice((loc.column as number) - 1)).toMatch(
      /^fake_authorization_/,
    );
    for (const f of findings)
      for (const v of Object.values(harSecrets)) expect(String(f.provenance.url)).not.toContain(v);
  });
});
