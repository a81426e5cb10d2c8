import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readCompiled, writeCompiled } from "../src/detectors/compiled.js";
import { loadRuleDir } from "../src/detectors/index.js";

const RULE = (body: string) => `- id: demo.token
  provider: demo
  description: A demo token
  keywords: [demo_]
  pattern: '\\b(?<secret>demo_[a-z0-9]{${body}})\\b'
  examples: ['key = demo_${"a1".repeat(8)}']
  counterexamples: ['key = demo_short']
`;

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

/** A catalog folder with one rule file and an output folder with its compiled copies. */
async function compiled(): Promise<{ cat: string; out: string; file: string }> {
  const cat = await mkdtemp(path.join(tmpdir(), "residue-cat-"));
  const out = await mkdtemp(path.join(tmpdir(), "residue-out-"));
  dirs.push(cat, out);
  const file = path.join(cat, "demo.yaml");
  await writeFile(file, RULE("16"));
  await writeCompiled(await loadRuleDir(cat), out, cat);
  return { cat, out, file };
}

describe("compiled catalog", () => {
  it("is read back while the YAML files are unchanged; lean copies have no examples", async () => {
    const { cat, out } = await compiled();
    const full = readCompiled(false, out, cat)!;
    expect(full.map((r) => r.id)).toEqual(["demo.token"]);
    expect(full[0]!.examples).toHaveLength(1);
    const lean = readCompiled(true, out, cat)!;
    expect(lean[0]!.examples).toEqual([]);
    expect(lean[0]!.pattern).toBe(full[0]!.pattern);
  });

  it("is not used once a file's content changes, even at the same size", async () => {
    const { cat, out, file } = await compiled();
    await writeFile(file, RULE("18"));
    expect(readCompiled(true, out, cat)).toBeUndefined();
  });

  it("is still used when only a file's time changed (a checkout touching it)", async () => {
    const { cat, out, file } = await compiled();
    await utimes(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(readCompiled(true, out, cat)?.map((r) => r.id)).toEqual(["demo.token"]);
  });

  it("is not used when a rule file is added", async () => {
    const { cat, out } = await compiled();
    await writeFile(path.join(cat, "zz.yaml"), "[]\n");
    expect(readCompiled(false, out, cat)).toBeUndefined();
  });
});
