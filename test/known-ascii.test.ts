import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addToManifest } from "../src/manifest/index.js";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { fakeToken, tempDir } from "./known-helpers.js";

async function collect(run: AsyncIterable<Finding>): Promise<Finding[]> {
  const out: Finding[] = [];
  for await (const f of run) out.push(f);
  return out;
}

/** The manifest's header line, parsed without its entries. */
function header(file: string): Record<string, unknown> {
  const first = readFileSync(file, "utf8").split("\n")[0]!;
  return JSON.parse(first.replace(/,"entries":\[$/, "}"));
}

/** A copy of the manifest without the `ascii` field (as an older residue wrote it). */
function withoutAscii(file: string): string {
  const out = `${file}.old.json`;
  writeFileSync(out, readFileSync(file, "utf8").replace(/"ascii":(true|false),/, ""));
  expect(header(out).ascii).toBeUndefined();
  return out;
}

async function findings(target: string, manifest: string): Promise<unknown[]> {
  const all = await collect(scan({ targets: [target], manifests: [manifest], env: {} }));
  return all.map((f) => [f.secretId, f.match, f.form, f.line, f.column]);
}

describe("manifests of ASCII secrets (raw bytes of UTF-8 text checked undecoded)", () => {
  it("records whether every secret is ASCII, and keeps false once a secret is not", async () => {
    const file = path.join(tempDir(), "m.json");
    await addToManifest(file, [{ id: "a0", value: fakeToken() }], { env: {} });
    expect(header(file).ascii).toBe(true);
    await addToManifest(file, [{ id: "a1", value: `${fakeToken(12)}Łódź${fakeToken(12)}` }], { env: {} });
    expect(header(file).ascii).toBe(false);
    await addToManifest(file, [{ id: "a2", value: fakeToken() }], { env: {} });
    expect(header(file).ascii).toBe(false);
    // a manifest without the field: added to, it stays unknown-as-false (never claimed ASCII)
    const old = withoutAscii(file);
    await addToManifest(old, [{ id: "a3", value: fakeToken() }], { env: {} });
    expect(header(old).ascii).toBe(false);
  });

  it("finds every form in non-ASCII UTF-8 text at the same lines and columns as without the field", async () => {
    const dir = tempDir();
    const s = fakeToken();
    const manifest = path.join(dir, "m.json");
    await addToManifest(manifest, [{ id: "k0", value: s }], { env: {} });
    const forms = [
      s,
      Buffer.from(s).toString("base64"),
      Buffer.from(s).toString("hex"),
      JSON.stringify(JSON.stringify({ k: s })),
      encodeURIComponent(`a=${s}&`),
    ];
    const prose = "Ünïcødé prose — naïve café, 東京, emoji 😀 and more text here.\n";
    const body = forms.map((f) => `${prose.repeat(7)}é€ ${f} 😀 tail\n`).join("");
    // a line over the 4 and 8 MiB range boundaries (no copy before it: that range is cleared undecoded)
    const long = `${"é".repeat(1000)}${"ab😀".repeat(Math.ceil((10 << 20) / 6))} ${s} end\n`;
    const file = path.join(dir, "text.txt");
    writeFileSync(file, `${prose.repeat(20)}${long}${body}${prose.repeat(20)}${body}`);
    const now = await findings(file, manifest);
    expect(now.length).toBeGreaterThanOrEqual(2 * forms.length + 1);
    expect(now).toEqual(await findings(file, withoutAscii(manifest)));
  });

  it("still finds a non-ASCII secret in UTF-8 and UTF-16 files", async () => {
    const dir = tempDir();
    const s = `${fakeToken(12)}Łódź€${fakeToken(12)}`;
    const manifest = path.join(dir, "m.json");
    await addToManifest(manifest, [{ id: "n0", value: s }], { env: {} });
    const text = `first line é\nsecond ${s} line\n`;
    writeFileSync(path.join(dir, "u8.txt"), text);
    writeFileSync(
      path.join(dir, "u16.txt"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    );
    for (const name of ["u8.txt", "u16.txt"])
      expect(await findings(path.join(dir, name), manifest), name).toEqual([["n0", "exact", "plain", 2, 8]]);
  });
});
