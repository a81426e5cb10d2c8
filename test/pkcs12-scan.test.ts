/** A scan reports a .p12 that opens with Google's default password, in both reading modes. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeZip } from "../fixtures/archives/make.js";

const bin = path.resolve("bin/residue.js");
let dir = "";
let keyBody = "";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "residue-p12-"));
  const at = (f: string) => path.join(dir, f);
  const sh = (args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  // a throw-away key and certificate made now, packed twice with different passwords
  sh(
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", at("k.pem"), "-out", at("c.pem")].concat([
      "-days",
      "1",
      "-subj",
      "/CN=residue-test",
    ]),
  );
  // only the .p12 files are scanned (the PEM key would be found by its own rule)
  mkdirSync(at("scan"));
  for (const [name, pass] of [
    ["a.p12", "notasecret"],
    ["b.p12", "another-pass-1"],
  ]) {
    const out = at(path.join("scan", name));
    sh([
      "pkcs12",
      "-export",
      "-inkey",
      at("k.pem"),
      "-in",
      at("c.pem"),
      "-out",
      out,
      "-passout",
      `pass:${pass}`,
    ]);
  }
  // the same two files as members of a zip (the in-thread read path)
  mkdirSync(at("zip"));
  const member = (name: string) => ({ name: `sa/${name}`, data: readFileSync(at(path.join("scan", name))) });
  writeFileSync(at("zip/keys.zip"), makeZip([member("a.p12"), member("b.p12")]));
  const pem = readFileSync(at("k.pem"), "utf8");
  keyBody = pem.split("\n")[1]!;
});

describe("PKCS#12 with a default password", () => {
  it.each([["default workers"], ["--workers 0"]])("is one finding on the first file only (%s)", (mode) => {
    const extra = mode === "--workers 0" ? ["--workers", "0"] : [];
    const r = spawnSync(process.execPath, [bin, "scan", "-f", "json", ...extra, path.join(dir, "scan")], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as {
      findings: {
        ruleId: string;
        confidence: string;
        secretKey: string;
        location: { path: string; line: number };
      }[];
    };
    expect(out.findings).toHaveLength(1);
    const [f] = out.findings;
    expect(f!.ruleId).toBe("gcp.service-account-p12");
    expect(f!.confidence).toBe("high");
    expect(path.basename(f!.location.path)).toBe("a.p12");
    expect(f!.secretKey).toMatch(/^pattern:[0-9a-f]+$/);
    expect(r.stdout + r.stderr).not.toContain(keyBody.slice(0, 20));
  });

  it("is one finding on the zip member that opens with it, named by its member path", () => {
    const r = spawnSync(process.execPath, [bin, "scan", "-f", "json", path.join(dir, "zip")], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; uri: string }[] };
    expect(out.findings.map((f) => f.ruleId)).toEqual(["gcp.service-account-p12"]);
    expect(out.findings[0]!.uri).toContain("keys.zip!sa/a.p12");
    expect(r.stdout + r.stderr).not.toContain(keyBody.slice(0, 20));
  });

  it("stays quiet when the selected rules are another provider's", () => {
    const r = spawnSync(
      process.execPath,
      [bin, "scan", "-f", "json", "--rules", "github", path.join(dir, "scan")],
      {
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).findings).toHaveLength(0);
  });
});
