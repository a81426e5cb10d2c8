import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { redactFile } from "../src/cli/commands/redact.js";
import { copiesPattern, redactLogFile } from "../src/cli/commands/redact-write.js";
import type { CliIO } from "../src/cli/io.js";
import { redact } from "../src/secret.js";
import { literalMatcher } from "./helpers/literal-matcher.js";

const harSecrets = JSON.parse(readFileSync("fixtures/har/secrets.json", "utf8")) as Record<string, string>;
const logSecret = readFileSync("fixtures/logs/secret.txt", "utf8").trim();

function io(cwd: string): CliIO & { err: () => string } {
  let err = "";
  return {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    cwd,
    err: () => err,
  };
}

describe("redact", () => {
  it("writes a HAR copy that holds none of the secrets and is still valid HAR JSON", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-redact-"));
    const input = path.join(dir, "capture.har");
    copyFileSync("fixtures/har/found.har", input);
    const before = readFileSync(input, "utf8");
    const status = await redactFile(input, { output: "clean.har" }, io(dir), literalMatcher(harSecrets));
    expect(status).toBe(0);
    const out = readFileSync(path.join(dir, "clean.har"), "utf8");
    const doc = JSON.parse(out) as { log: { entries: { response: { content: { text: string } } }[] } };
    expect(doc.log.entries).toHaveLength(3);
    const decoded = Buffer.from(doc.log.entries[1]!.response.content.text, "base64").toString("utf8");
    for (const v of Object.values(harSecrets)) {
      expect(out.includes(v)).toBe(false);
      expect(decoded.includes(v)).toBe(false);
    }
    expect(out).toContain(redact(harSecrets.authorization!));
    expect(decoded).toContain(redact(harSecrets.content_b64!));
    expect(readFileSync(input, "utf8")).toBe(before);
  });

  it("redacts a log in place, leaving every other byte as it was", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-redact-"));
    const input = path.join(dir, "build.txt");
    const original = readFileSync("fixtures/logs/gitlab/found.txt", "utf8");
    writeFileSync(input, original);
    const status = await redactFile(input, { inPlace: true }, io(dir), literalMatcher({ s: logSecret }));
    expect(status).toBe(0);
    expect(readFileSync(input, "utf8")).toBe(original.replace(logSecret, redact(logSecret)));
  });

  it("refuses to run without an output", async () => {
    await expect(redactFile("x.har", {}, io(tmpdir()))).rejects.toThrow(/-o FILE/);
  });

  it("replaces copies that straddle two reads of a big log", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-redact-"));
    const input = path.join(dir, "big.txt");
    const filler = "x".repeat((1 << 20) - 10);
    writeFileSync(input, `${filler}${logSecret}\n${logSecret}`);
    const n = await redactLogFile(
      input,
      path.join(dir, "out.txt"),
      copiesPattern([logSecret])!,
      logSecret.length,
    );
    expect(n).toBe(2);
    expect(readFileSync(path.join(dir, "out.txt"), "utf8")).toBe(
      `${filler}${redact(logSecret)}\n${redact(logSecret)}`,
    );
  });

  it("replaces a copy that colour escapes split in the log", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-redact-"));
    const input = path.join(dir, "colour.txt");
    const split = `${logSecret.slice(0, 12)}\x1b[1m${logSecret.slice(12)}\x1b[0m`;
    writeFileSync(input, `2024-05-01T10:00:00.0000000Z token ${split}\n`);
    const status = await redactFile(input, { output: "out.txt" }, io(dir), literalMatcher({ s: logSecret }));
    expect(status).toBe(0);
    expect(readFileSync(path.join(dir, "out.txt"), "utf8")).toBe(
      `2024-05-01T10:00:00.0000000Z token ${redact(logSecret)}\x1b[0m\n`,
    );
  });

  it("writes nothing and fails when a copy survives the replacement", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-redact-"));
    const input = path.join(dir, "odd.txt");
    writeFileSync(input, `key ${logSecret}\n`);
    const odd = {
      find: (text: string) => {
        const i = text.indexOf(logSecret);
        if (i === -1) return [];
        const value = "a value that is not in the text";
        return [
          {
            start: i,
            end: i + logSecret.length,
            kind: "pattern" as const,
            ruleId: "odd",
            form: "plain",
            match: "exact" as const,
            coverage: 1,
            value,
          },
        ];
      },
    };
    const w = io(dir);
    expect(await redactFile(input, { output: "out.txt" }, w, odd)).toBe(1);
    expect(w.err()).toContain("could not be replaced");
    expect(existsSync(path.join(dir, "out.txt"))).toBe(false);
  });

  it("streams a HAR named .json: entries without a copy kept as written, a copy between entries replaced too", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-redact-"));
    const input = path.join(dir, "capture.json");
    const v = harSecrets.authorization!;
    const plain = '{ "request": { "url": "https://a.test/0", "headers": [] } }';
    const hit = `{"request":{"url":"https://a.test/1","headers":[{"name":"authorization","value":"Bearer ${v}"}]}}`;
    const text = `{"log": {"pages": [{"title": "${v}"}],\n "entries": [\n  ${plain},\n  ${hit}\n ]}}\n`;
    writeFileSync(input, text);
    const status = await redactFile(input, { output: "clean.json" }, io(dir), literalMatcher({ a: v }));
    expect(status).toBe(0);
    const out = readFileSync(path.join(dir, "clean.json"), "utf8");
    expect(out.includes(v)).toBe(false);
    expect(out.split(redact(v)).length).toBe(3);
    expect(out).toContain(`\n  ${plain},\n  {`);
    expect(out.endsWith("\n ]}}\n")).toBe(true);
    expect((JSON.parse(out) as { log: { entries: unknown[] } }).log.entries).toHaveLength(2);
  });
});
