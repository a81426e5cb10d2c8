/** PKCS#12 files that open with a published default password (the file's own MAC verifies). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pkcs12DefaultPassword } from "../src/match/pkcs12.js";

const { vectors } = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "../fixtures/pkcs12/vectors.json"), "utf8"),
) as { vectors: { password: string; mac: string; base64: string }[] };
const bytes = (i: number) => Buffer.from(vectors[i]!.base64, "base64");

describe("PKCS#12 default password", () => {
  it.each(vectors.map((v, i) => [i, v.password === "notasecret" ? "notasecret" : undefined] as const))(
    "vector %i opens with the default password or not at all",
    (i, expected) => {
      expect(pkcs12DefaultPassword(bytes(i))).toBe(expected);
    },
  );

  it("gives nothing for a changed byte in the authenticated content, a cut file, empty or random bytes", () => {
    const changed = bytes(0);
    changed[200] = changed[200]! ^ 1;
    expect(pkcs12DefaultPassword(changed)).toBeUndefined();
    expect(pkcs12DefaultPassword(bytes(0).subarray(0, 300))).toBeUndefined();
    expect(pkcs12DefaultPassword(new Uint8Array())).toBeUndefined();
    expect(pkcs12DefaultPassword(Buffer.from("MIIC not a der file at all, just text"))).toBeUndefined();
  });

  it("does not verify once the iteration count is changed", () => {
    const other = bytes(2);
    // the MAC data ends with the iteration count, INTEGER 2048 (02 02 08 00)
    expect(other.subarray(-4)).toEqual(Buffer.from([2, 2, 8, 0]));
    other[other.length - 1] = 1;
    expect(pkcs12DefaultPassword(other)).toBeUndefined();
  });
});
