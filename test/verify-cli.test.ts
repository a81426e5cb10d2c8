import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { fakeSecret } from "./helpers/literal-matcher.js";
import { type FakeProvider, fakeProvider } from "./helpers/verify-server.js";

const detectors = path.join(import.meta.dirname, "../fixtures/verify/detectors");
const live = fakeSecret("fkh_", 32);
const dead = fakeSecret("fkh_", 32);
let server: FakeProvider;
let base: string[];

beforeAll(async () => {
  server = await fakeProvider();
  base = ["--detectors", detectors, "--verify-base-url", `fakehub=${server.url}/fakehub`];
});
afterAll(() => server.close());
beforeEach(() => {
  server.seen.length = 0;
  server.reply = (r) =>
    r.headers.authorization === `Bearer ${live}` ? { status: 200, body: '{"login":"x"}' } : { status: 401 };
});

describe("residue verify", () => {
  it("tells the provider and status of each secret and exits 1 when one is live", async () => {
    const r = await cli(["verify", ...base], { stdin: `${live}\n${dead}\nnot a secret at all\n` });
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/^LIVE +#1 {2}fakehub /);
    expect(lines[1]).toMatch(/^REVOKED +#2 {2}fakehub /);
    expect(lines[2]).toMatch(/^UNKNOWN +#3 {2}\? /);
    expect(r.out).toMatch(/1 still authenticates/);
    expect(r.out + r.err).not.toContain(live);
    expect(r.out + r.err).not.toContain(dead);
    expect(server.seen.map((s) => [s.method, s.path])).toEqual([
      ["GET", "/fakehub/v1/me"],
      ["GET", "/fakehub/v1/me"],
    ]);
  });

  it("prints {results} with -f json and exits 0 when no secret is live", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-verify-"));
    writeFileSync(path.join(dir, "old.txt"), `${dead}\n${dead}\n`);
    const r = await cli(["verify", ...base, "--from", "old.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      results: [
        { id: "#1", provider: "fakehub", status: "revoked", detail: expect.stringMatching(/HTTP 401/) },
        { id: "#2", provider: "fakehub", status: "revoked", detail: expect.stringMatching(/HTTP 401/) },
      ],
    });
    expect(server.seen).toHaveLength(1);
  });

  it("reports a timeout as unknown", async () => {
    server.reply = () => ({ hang: true });
    const r = await cli(["verify", ...base, "--verify-timeout", "100", "-f", "json"], { stdin: live });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0]).toMatchObject({
      status: "unknown",
      detail: expect.stringMatching(/timed out/),
    });
  });

  it.each([
    [["--verify-base-url", "nobody=http://127.0.0.1:1"], /unknown provider "nobody"/],
    [["--verify-base-url", "fakehub"], /expected PROVIDER=URL/],
    [["--verify-base-url", "fakehub=ftp://x"], /must be http/],
    [["--verify-concurrency", "0"], /positive integer/],
    [["--from", "/nonexistent/residue-verify"], /cannot read/],
  ])("rejects bad usage %# with exit 2", async (args, message) => {
    const r = await cli(["verify", "--detectors", detectors, ...args], { stdin: live });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(server.seen).toHaveLength(0);
  });
});

const pick = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");

describe("residue verify with the built-in catalog", () => {
  it("reads a dotenv file and pairs the AWS key id with its secret key: one signed request", async () => {
    const akid = `AKIA${pick("ABCDEFGHJKLMNPQRSTUVWXYZ234567", 16)}`;
    const sk = pick("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+/", 40);
    const dir = mkdtempSync(path.join(tmpdir(), "residue-verify-"));
    writeFileSync(path.join(dir, ".env"), `AWS_ACCESS_KEY_ID=${akid}\nAWS_SECRET_ACCESS_KEY=${sk}\n`);
    server.reply = () => ({ status: 200, body: "<GetCallerIdentityResponse/>" });
    const url = `aws=${server.url}/aws`;
    const r = await cli(["verify", "--verify-base-url", url, "--from", ".env", "-f", "json"], { cwd: dir });
    expect(JSON.parse(r.out).results).toEqual([
      { id: "AWS_ACCESS_KEY_ID", provider: "aws", status: "live", detail: expect.any(String) },
      { id: "AWS_SECRET_ACCESS_KEY", provider: "aws", status: "live", detail: expect.any(String) },
    ]);
    expect(r.code).toBe(1);
    expect(server.seen.map((s) => [s.method, s.path])).toEqual([["POST", "/aws/"]]);
    expect(String(server.seen[0]!.headers.authorization)).toMatch(`Credential=${akid}/`);
    expect(r.out).not.toContain(sk);
  });

  it("takes the Twilio account SID from a named input, not as a secret to check", async () => {
    const sid = `AC${pick("0123456789abcdef", 32)}`;
    const token = pick("0123456789abcdef", 32);
    server.reply = () => ({ status: 401, body: '{"code":20003}' });
    const url = `twilio=${server.url}/twilio`;
    const stdin = `TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${token}\n`;
    const r = await cli(["verify", "--verify-base-url", url, "-f", "json"], { stdin });
    const results = JSON.parse(r.out).results;
    expect(results[1]).toMatchObject({ id: "TWILIO_AUTH_TOKEN", provider: "twilio", status: "revoked" });
    expect(results[0]).toMatchObject({ id: "TWILIO_ACCOUNT_SID", status: "unknown" });
    expect(r.code).toBe(0);
    expect(server.seen.map((s) => s.path)).toEqual([`/twilio/2010-04-01/Accounts/${sid}.json`]);
    expect(server.seen[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${sid}:${token}`).toString("base64")}`,
    );
  });
});

describe("residue scan --verify", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-scan-verify-"));
  writeFileSync(path.join(dir, "a.env"), `FAKEHUB_TOKEN=${dead}\n`);
  writeFileSync(path.join(dir, "b.env"), `FAKEHUB_TOKEN=${live}\nOTHER=${live}\n`);

  it("adds verification to each pattern finding and sends nothing without --verify", async () => {
    const plain = await cli([
      "scan",
      "--detectors",
      detectors,
      "--rules",
      "fakehub.token",
      "-f",
      "json",
      dir,
    ]);
    expect(JSON.parse(plain.out).findings[0].verification).toBeUndefined();
    expect(server.seen).toHaveLength(0);

    const r = await cli(["scan", ...base, "--rules", "fakehub.token", "--verify", "-f", "json", dir]);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out).findings as {
      location: { path: string };
      verification: { status: string };
    }[];
    expect(found[0]!.verification.status).toBe("live");
    const byFile = found.map((f) => [path.basename(f.location.path), f.verification.status]).sort();
    expect(byFile).toEqual([
      ["a.env", "revoked"],
      ["b.env", "live"],
      ["b.env", "live"],
    ]);
    expect(server.seen).toHaveLength(2);
    expect(r.err).toMatch(/verify: 2 live, 1 revoked, 0 unknown \(2 requests\)/);
    expect(r.out + r.err).not.toContain(live);
  });

  it("lists the live secret first in the text report", async () => {
    const r = await cli(["scan", ...base, "--rules", "fakehub.token", "--verify", dir]);
    const heads = r.out.split("\n").filter((l) => l.startsWith("●"));
    expect(heads[0]).toMatch(/LIVE/);
    expect(heads[1]).toMatch(/revoked/);
  });
});
