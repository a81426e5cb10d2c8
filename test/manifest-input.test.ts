import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { detectFormat, readSecretInputs } from "../src/manifest/input.js";
import { fakeToken } from "./known-helpers.js";

function fakePem(): string {
  const body = randomBytes(300)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

describe("secret inputs", () => {
  it("reads one secret per line", () => {
    const [a, b] = [fakeToken(), fakeToken()];
    expect(readSecretInputs(`${a}\r\n\n${b}\n`)).toEqual([{ value: a }, { value: b }]);
  });

  it("reads a whole file as one PEM key", () => {
    const pem = fakePem();
    expect(detectFormat(pem)).toBe("file");
    expect(readSecretInputs(pem)).toEqual([{ value: pem.trimEnd() }]);
  });

  it("reads dotenv, with a PEM key quoted over several lines and one with \\n escapes", () => {
    const pem = fakePem().trimEnd();
    const t = fakeToken();
    const text = [
      "# deploy secrets",
      `export API_TOKEN=${t} # comment`,
      `KEY_A="${pem}"`,
      `KEY_B="${pem.replace(/\n/g, "\\n")}"`,
      `PLAIN='${t}x'`,
    ].join("\n");
    expect(detectFormat(text, "prod.env")).toBe("dotenv");
    expect(readSecretInputs(text, { filename: "prod.env" })).toEqual([
      { id: "API_TOKEN", value: t },
      { id: "KEY_A", value: pem },
      { id: "KEY_B", value: pem },
      { id: "PLAIN", value: `${t}x` },
    ]);
  });

  it("reads a flat JSON object, with a PEM key in \\n escapes", () => {
    const pem = fakePem();
    const t = fakeToken();
    const text = JSON.stringify({ token: t, key: pem, n: 1234567890123, nested: { x: 1 } });
    expect(detectFormat(text, "s.json")).toBe("json");
    expect(readSecretInputs(text)).toEqual([
      { id: "token", value: t },
      { id: "key", value: pem },
      { id: "n", value: "1234567890123" },
    ]);
  });

  it("reads a Kubernetes Secret in YAML (data base64 and stringData) with a PEM key", () => {
    const pem = fakePem();
    const t = fakeToken();
    const doc = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "api" },
      data: { "tls.key": Buffer.from(pem).toString("base64") },
      stringData: { token: t },
    };
    const text = `---\n${stringify({ kind: "ConfigMap", data: { a: "b" } })}---\n${stringify(doc)}`;
    expect(detectFormat(text, "secret.yaml")).toBe("k8s");
    expect(readSecretInputs(text, { input: "k8s" })).toEqual([
      { id: "api/tls.key", value: pem },
      { id: "api/token", value: t },
    ]);
  });

  it("reads a Kubernetes Secret in JSON", () => {
    const t = fakeToken();
    const text = JSON.stringify({
      kind: "Secret",
      metadata: { name: "db" },
      data: { pw: Buffer.from(t).toString("base64") },
    });
    expect(readSecretInputs(text)).toEqual([{ id: "db/pw", value: t }]);
  });

  it.each([
    ["json", "[1,2]", /flat JSON object/],
    ["dotenv", "not a line", /line 1: expected KEY=value/],
    ["k8s", "kind: ConfigMap\n", /no Kubernetes Secret/],
  ] as const)("refuses bad %s input clearly", (input, text, message) => {
    expect(() => readSecretInputs(text, { input })).toThrow(message);
  });
});
