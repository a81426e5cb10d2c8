import { describe, expect, it } from "vitest";
import { fakeToken, findIn } from "./known-helpers.js";

describe("known-secret matcher: forms", () => {
  it("finds a plain copy anywhere, with exact offsets", async () => {
    const s = fakeToken();
    const text = `const x = "${s}";\nfoo${s}bar`;
    const found = await findIn([s], text);
    expect(found.map((m) => [m.form, m.match, m.start, m.end])).toEqual([
      ["plain", "exact", 11, 11 + s.length],
      ["plain", "exact", text.lastIndexOf(s), text.lastIndexOf(s) + s.length],
    ]);
    expect(found[0]!.value).toBe(s);
  });

  it.each([0, 1, 2])(
    "finds base64 at byte alignment %i inside a longer blob (padded or not)",
    async (pad) => {
      const s = fakeToken();
      const blob = Buffer.from(`${"u".repeat(pad + 3)}:${s}:tail`).toString("base64");
      for (const enc of [blob, blob.replace(/=+$/, "")]) {
        const found = await findIn([s], `Authorization: Basic ${enc}\n`);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ form: "base64", match: "exact", secretId: "s0" });
      }
    },
  );

  it.each([0, 1, 2])("finds base64url at byte alignment %i", async (pad) => {
    let s = fakeToken(30);
    let blob = "";
    // make sure the encoding needs url characters
    while (!/[-_]/.test((blob = Buffer.from(`${"x".repeat(pad)}~${s}??`).toString("base64url"))))
      s = fakeToken(30);
    const found = await findIn([s], `{"t":"${blob}"}`);
    expect(found.map((m) => [m.form, m.match])).toEqual([["base64url", "exact"]]);
  });

  it.each([0, 5, 9, 14])(
    "finds a base64 blob that is the whole text, or starts it (%i characters before)",
    async (n) => {
      const s = fakeToken();
      const blob = Buffer.from(s).toString("base64");
      const found = await findIn([s], `${"a".repeat(n)}${n ? " " : ""}${blob}`);
      expect(found.map((m) => [m.form, m.match, m.end])).toEqual([
        ["base64", "exact", n + (n ? 1 : 0) + blob.length],
      ]);
    },
  );

  it("finds a copy inside a Kubernetes Secret and a docker auth field", async () => {
    const s = fakeToken();
    const k8s = `data:\n  token: ${Buffer.from(s).toString("base64")}\n`;
    const docker = `{"auths":{"r.example":{"auth":"${Buffer.from(`bot:${s}`).toString("base64")}"}}}`;
    expect((await findIn([s], k8s)).map((m) => m.form)).toEqual(["base64"]);
    expect((await findIn([s], docker)).map((m) => m.form)).toEqual(["base64"]);
  });

  it.each(["lower", "upper"])("finds hex (%s case)", async (c) => {
    const s = fakeToken();
    let hex = Buffer.from(s).toString("hex");
    if (c === "upper") hex = hex.toUpperCase();
    const text = `key=${hex};`;
    const found = await findIn([s], text);
    expect(found.map((m) => [m.form, m.match, m.start, m.end])).toEqual([
      ["hex", "exact", 4, 4 + hex.length],
    ]);
  });

  it.each(["lower", "upper"])("finds a percent-encoded copy (%s hex digits, + for space)", async (c) => {
    const s = `${fakeToken(12)}/+= ${fakeToken(12)}`;
    let enc = encodeURIComponent(s).replace(/%20/g, "+");
    enc = c === "lower" ? enc.replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()) : enc;
    const text = `GET /cb?code=${enc}&x=1 HTTP/1.1`;
    const found = await findIn([s], text);
    expect(found.map((m) => [m.form, m.match])).toEqual([["url", "exact"]]);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(enc);
  });

  it("finds a JSON-escaped copy", async () => {
    const s = `${fakeToken(10)}/"\\\t\u00e9${fakeToken(10)}`;
    const text = `{"secret": ${JSON.stringify(s).replace("/", "\\/").replace("\u00e9", "\\u00e9")}}`;
    const found = await findIn([s], text);
    expect(found.map((m) => [m.form, m.match])).toEqual([["json", "exact"]]);
  });

  it("finds a partial copy with its coverage, exact edges", async () => {
    const s = fakeToken(45); // 65 characters
    const piece = s.slice(10, 45);
    const found = await findIn([s], `log: ${piece} end`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ match: "partial", form: "plain", start: 5, end: 5 + piece.length });
    expect(found[0]!.coverage).toBeCloseTo(35 / s.length, 6);
  });

  it("finds an exact copy of a short secret (under 16 characters)", async () => {
    const s = fakeToken(6, "pw"); // 10 characters
    const found = await findIn([s], `password=${s}\nother=${s}x`);
    expect(found.map((m) => [m.match, m.start])).toEqual([
      ["exact", 9],
      ["exact", 9 + s.length + 7],
    ]);
  });
});

describe("known-secret matcher: not a copy", () => {
  const masks = ["***", "[MASKED]", "****************", "<redacted>"];
  it.each(masks.map((m, i) => [i, m]))("mask %i is not a copy", async (_i, mask) => {
    const s = fakeToken();
    expect(await findIn([s], `TOKEN=${mask}\nTOKEN="${mask}"`)).toEqual([]);
  });

  it("a prefix…suffix preview is not a copy", async () => {
    const s = fakeToken();
    expect(await findIn([s], `token ${s.slice(0, 8)}…${s.slice(-4)} revoked`)).toEqual([]);
  });

  it("a piece shorter than half the secret, or than 16 characters, is not a copy", async () => {
    const s = fakeToken(45);
    const short = s.slice(0, Math.floor(s.length / 2) - 1);
    expect(await findIn([s], `x ${short} y`)).toEqual([]);
    const t = fakeToken(14); // 24 characters: half is 12, but 16 is the floor
    expect(await findIn([t], `x ${t.slice(3, 18)} y`)).toEqual([]);
  });

  it("a value of the same shape with another body is not a copy", async () => {
    const s = fakeToken();
    const other = fakeToken();
    expect(await findIn([s], `TOKEN=${other}`)).toEqual([]);
  });

  it("one character changed is never exact (the pieces around it may be partial)", async () => {
    const s = fakeToken(45);
    const mid = 40;
    const changed = s.slice(0, mid) + (s[mid] === "A" ? "B" : "A") + s.slice(mid + 1);
    const found = await findIn([s], `TOKEN=${changed}`);
    expect(found.every((m) => m.match === "partial")).toBe(true);
    expect(found.map((m) => m.end - m.start)).toEqual([mid]);
  });
});
