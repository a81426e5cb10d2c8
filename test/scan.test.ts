import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ScanOptions, scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { fakeSecret, literalMatcher } from "./helpers/literal-matcher.js";

async function collect(opts: ScanOptions) {
  const run = scan(opts);
  const findings: Finding[] = [];
  for await (const f of run) findings.push(f);
  return { findings, run };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "residue-scan-"));
}

describe("scan over files", () => {
  const secret = fakeSecret();

  it("gives exact 1-based line and column", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.env"), `# head\n\nTOKEN=${secret}\n  x ${secret}\n`);
    const { findings } = await collect({ targets: [dir], matcher: literalMatcher({ tok: secret }) });
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [3, 7],
      [4, 5],
    ]);
    expect(findings[0]!.uri).toBe(`${path.join(dir, "a.env")}:3:7`);
  });

  it("finds a copy that straddles a chunk boundary once, at the right place", async () => {
    const dir = tempDir();
    const filler = "lorem ipsum dolor sit amet\n".repeat(40); // 1080 characters
    const text = `${filler.slice(0, 990)}${secret}${filler}`;
    writeFileSync(path.join(dir, "big.txt"), text);
    const { findings } = await collect({
      targets: [dir],
      matcher: literalMatcher({ tok: secret }),
      chunkSize: 1000,
      overlap: 200,
    });
    expect(findings).toHaveLength(1);
    const before = text.slice(0, 990);
    expect(findings[0]!.line).toBe(before.split("\n").length);
    expect(findings[0]!.column).toBe(990 - before.lastIndexOf("\n"));
  });

  it("keeps finding ids stable across runs and across edits elsewhere in the file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "config.yml");
    writeFileSync(file, `a: 1\ntoken: ${secret}\nb: ${secret}\n`);
    const first = (await collect({ targets: [dir], matcher: literalMatcher({ tok: secret }) })).findings;
    const again = (await collect({ targets: [dir], matcher: literalMatcher({ tok: secret }) })).findings;
    writeFileSync(file, `# a new comment\n# another\na: 1\ntoken: ${secret}\nc: 3\nb: ${secret}\n`);
    const edited = (await collect({ targets: [dir], matcher: literalMatcher({ tok: secret }) })).findings;
    expect(first.map((f) => f.id)).toEqual(again.map((f) => f.id));
    expect(edited.map((f) => f.id)).toEqual(first.map((f) => f.id));
    expect(new Set(first.map((f) => f.id)).size).toBe(2);
    expect(edited.map((f) => f.line)).toEqual([4, 6]);
  });

  it("reads binary files for known secrets only, skips .git, survives a symlink loop, honours --exclude", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, ".git"));
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, ".git", "config"), secret);
    writeFileSync(path.join(dir, "bin.dat"), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(secret)]));
    writeFileSync(path.join(dir, "sub", "keep.txt"), secret);
    writeFileSync(path.join(dir, "skip.log"), secret);
    symlinkSync(dir, path.join(dir, "sub", "loop"));
    const { findings, run } = await collect({
      targets: [dir],
      matcher: literalMatcher({ tok: secret }),
      exclude: ["**/*.log"],
    });
    // a byte-level copy in a binary file is a copy (issue 16.2); pattern rules never read it
    expect(findings.map((f) => path.basename(String(f.provenance.path)))).toEqual(["bin.dat", "keep.txt"]);
    expect(run.stats.skipped).toBe(1);
    expect(run.stats.skippedBy).toEqual({ binary: 1 });
    expect(run.errors).toEqual([]);
  });

  it("reports a missing path as an error item and goes on with the other targets", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "x.txt"), `k=${secret}`);
    const { findings, run } = await collect({
      targets: [path.join(dir, "nope"), dir],
      matcher: literalMatcher({ tok: secret }),
    });
    expect(findings).toHaveLength(1);
    expect(run.errors).toEqual([
      { source: path.join(dir, "nope"), item: path.join(dir, "nope"), reason: "no such file or folder" },
    ]);
    expect(run.targets.map((t) => t.status)).toEqual(["partial", "done"]);
  });

  it("does not stop on invalid UTF-8", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "latin1.txt"),
      Buffer.concat([Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from(`x ${secret}`)]),
    );
    const { findings } = await collect({ targets: [dir], matcher: literalMatcher({ tok: secret }) });
    expect(findings.map((f) => [f.line, f.column])).toEqual([[2, 3]]);
  });
});

describe("chunk boundaries with the known matcher", () => {
  it("reports a copy cut by a chunk boundary once, exact, without a duplicate partial of its tail (issue #2)", async () => {
    const { addToManifest } = await import("../src/manifest/index.js");
    const dir = tempDir();
    const secret = fakeSecret("fk_", 40);
    const manifest = path.join(dir, "m.json");
    await addToManifest(manifest, [{ id: "tok", value: secret }], { env: {} });
    const filler = "x".repeat(5000); // one huge line: the boundary cannot snap to a newline
    mkdirSync(path.join(dir, "data"));
    for (const at of [785, 790, 795, 799]) {
      writeFileSync(path.join(dir, "data", `f${at}.txt`), `${filler.slice(0, at)} ${secret} ${filler}`);
    }
    const { findings } = await collect({
      targets: [path.join(dir, "data")],
      manifests: [manifest],
      env: {},
      chunkSize: 800,
      overlap: 100,
    });
    expect(findings.map((f) => [path.basename(String(f.provenance.path)), f.match, f.column])).toEqual([
      ["f785.txt", "exact", 787],
      ["f790.txt", "exact", 792],
      ["f795.txt", "exact", 797],
      ["f799.txt", "exact", 801],
    ]);
  });
});
