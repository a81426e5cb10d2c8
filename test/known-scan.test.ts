import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addToManifest } from "../src/manifest/index.js";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { fakeToken, findIn, tempDir } from "./known-helpers.js";

async function collect(run: AsyncIterable<Finding>): Promise<Finding[]> {
  const out: Finding[] = [];
  for await (const f of run) out.push(f);
  return out;
}

describe("known secrets through scan()", () => {
  it("finds a copy straddling a chunk boundary once, at its exact line and column", async () => {
    const dir = tempDir();
    const s = fakeToken();
    const manifest = path.join(dir, "m.json");
    await addToManifest(manifest, [{ id: "boundary", value: s }], { env: {} });
    const line = `${"x".repeat(99)}\n`;
    const lines = Math.ceil((1 << 20) / line.length) - 1;
    const before = line.repeat(lines);
    const pad = (1 << 20) - before.length - 10; // the copy starts 10 characters before 1 MiB
    const text = `${before}${"y".repeat(pad)}${s}\n${line.repeat(800)}`;
    writeFileSync(path.join(dir, "big.txt"), text);
    const all = await collect(scan({ targets: [path.join(dir, "big.txt")], manifests: [manifest], env: {} }));
    // the next chunk starts inside the copy; its tail there is not a second exact copy
    const found = all.filter((f) => f.match === "exact");
    expect(found.map((f) => [f.secretId, f.match, f.form, f.line, f.column])).toEqual([
      ["boundary", "exact", "plain", lines + 1, pad + 1],
    ]);
    expect(found[0]!.secret.reveal()).toBe(s);
  });

  it("finds copies of a secret with characters outside Latin-1", async () => {
    const s = `${fakeToken(12)}Łódź€${fakeToken(12)}`;
    const found = await findIn(
      [s],
      `a ${s} b ${JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}`,
    );
    expect(found.map((m) => [m.form, m.match])).toEqual([
      ["plain", "exact"],
      ["json", "exact"],
    ]);
  });

  it("does not take a same-length text whose characters differ only above Latin-1 for a copy", async () => {
    const s = `${fakeToken(12)}Ł${fakeToken(12)}`;
    const fake = s.replace("Ł", "\u0241"); // same low byte, another character
    const found = await findIn([s], `x ${fake} y`);
    expect(found.every((m) => m.match === "partial")).toBe(true);
  });
});
