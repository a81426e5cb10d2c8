import { describe, expect, it } from "vitest";
import { createMatchEngine } from "../src/match/index.js";
import { fakeToken, manifestOf } from "./known-helpers.js";

/** The text's bytes in an aligned buffer with 16 spare bytes (as file-range.ts reads them). */
function bytesOf(text: string, encoding: BufferEncoding = "latin1"): [Buffer, number] {
  const b = Buffer.from(text, encoding);
  const buf = Buffer.allocUnsafeSlow(b.length + 16);
  b.copy(buf);
  return [buf, b.length];
}

describe("clearing raw bytes before decoding (known-bytes.ts)", () => {
  it("clears bytes only when the decoded text has no match, in every encoded form", async () => {
    const secrets = [fakeToken(), fakeToken()];
    const engine = createMatchEngine({ manifests: [await manifestOf(secrets)] });
    const clear = engine.clearBytes!;
    expect(clear).toBeTypeOf("function");
    const filler = "const value = someFunction(argument, 42); // a comment line\n".repeat(300);
    const forms = [
      (s: string) => s,
      (s: string) => s.slice(2, 26),
      (s: string) => Buffer.from(s).toString("base64"),
      (s: string) => Buffer.from(`xy${s}`).toString("base64"),
      (s: string) => Buffer.from(s).toString("hex").toUpperCase(),
      (s: string) => JSON.stringify(JSON.stringify({ k: s })),
    ];
    expect(clear(...bytesOf(filler), true)).toBe(true);
    for (const [i, form] of forms.entries()) {
      for (const at of [0, 1, 2, 3, 1001]) {
        const text = `${filler.slice(0, at)} ${form(secrets[i % 2]!)} ${filler}`;
        expect(engine.find(text).length, `form ${i} at ${at}`).toBeGreaterThan(0);
        expect(clear(...bytesOf(text), true), `form ${i} at ${at}`).toBe(false);
      }
    }
    // non-ASCII UTF-8 is cleared when every secret is ASCII (their bytes are the same in it)
    expect(clear(...bytesOf(`${filler}é`, "utf8"), true)).toBe(true);
    for (const [i, form] of forms.entries()) {
      const text = `é€😀 ${form(secrets[i % 2]!)} ${filler}`;
      expect(clear(...bytesOf(text, "utf8"), true), `form ${i}`).toBe(false);
    }
  });

  it("clears non-ASCII UTF-8 only when the manifest says every secret is ASCII", async () => {
    const m = await manifestOf([fakeToken()]);
    expect(m.ascii).toBe(true);
    const text = `${"naïve café line\n".repeat(300)}`;
    const { ascii: _a, ...unknown } = m;
    for (const [manifest, cleared] of [
      [m, true],
      [unknown, false],
      [{ ...m, ascii: false }, false],
    ] as const) {
      const clear = createMatchEngine({ manifests: [manifest] }).clearBytes!;
      expect(clear(...bytesOf(text, "utf8"), true)).toBe(cleared);
      expect(clear(...bytesOf(text, "latin1"), false)).toBe(true);
    }
  });

  it("offers no byte check with pattern rules or short secrets, and clears everything with nothing to find", async () => {
    expect(
      createMatchEngine({ manifests: [await manifestOf(["short-secret-1"])] }).clearBytes,
    ).toBeUndefined();
    expect(createMatchEngine({ manifests: [] }).clearBytes?.(Buffer.alloc(32), 16, true)).toBe(true);
  });
});
