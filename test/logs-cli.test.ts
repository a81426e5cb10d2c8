/**
 * End to end through the real CLI with a real manifest (needs the known-secret matcher, issue #2):
 * CI logs, nested archives, a zip bomb, a corrupt zip, a HAR, `redact` and `watch`.
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deflatedFill, gzip, makeTar, makeZip } from "../fixtures/archives/make.js";
import { run } from "../src/cli/main.js";
import { loadCatalog } from "../src/detectors/index.js";
import { cli } from "./helpers/cli.js";
import { positionIn } from "./logs-helpers.js";

const root = path.resolve(".");
const secret = readFileSync("fixtures/logs/secret.txt", "utf8").trim();
const harSecrets = JSON.parse(readFileSync("fixtures/har/secrets.json", "utf8")) as Record<string, string>;
let dir: string;
let logManifest: string;
let harManifest: string;

type Report = {
  findings: { secretId: string; match: string; location: Record<string, unknown>; uri: string }[];
  errors: { item: string; reason: string }[];
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "residue-logs-cli-"));
  logManifest = path.join(dir, "logs.manifest.json");
  harManifest = path.join(dir, "har.manifest.json");
  const a = await cli([
    "manifest",
    "add",
    "-m",
    logManifest,
    "--from",
    `${root}/fixtures/logs/secret.txt`,
    "--id",
    "ci-token",
  ]);
  const b = await cli(["manifest", "add", "-m", harManifest, "--from", `${root}/fixtures/har/secrets.json`]);
  expect([a.code, b.code]).toEqual([0, 0]);
});

async function scanJson(args: string[]): Promise<{ code: number; report: Report }> {
  const r = await cli(["scan", ...args, "-f", "json", "-q"], { cwd: root });
  return { code: r.code, report: JSON.parse(r.out) as Report };
}

describe.each(["github-actions", "gitlab", "jenkins"])("residue scan of a %s log", (style) => {
  it("finds the printed secret on its line and not the masked one", async () => {
    const file = path.join(root, "fixtures/logs", style, "found.txt");
    const found = await scanJson([`logs:${file}`, "-m", logManifest]);
    expect(found.code).toBe(1);
    expect(found.report.findings.map((f) => [f.secretId, f.location.line, f.location.column])).toEqual([
      ["ci-token", ...Object.values(positionIn(readFileSync(file, "utf8"), secret))],
    ]);
    const clean = await scanJson([
      `logs:${path.join(root, "fixtures/logs", style, "clean.txt")}`,
      "-m",
      logManifest,
    ]);
    expect([clean.code, clean.report.findings]).toEqual([0, []]);
  });
});

describe("pattern rules on logs and HAR", () => {
  it("finds a token by its rule in a coloured GitHub Actions line and in a HAR header", async () => {
    const rule = (await loadCatalog([])).find((r) => r.id === "github.pat-classic")!;
    const token = /ghp_[A-Za-z0-9]{36}/.exec(rule.examples[0]!)![0];
    const log = path.join(dir, "pattern.txt");
    const text = `2024-05-01T10:00:00.0000000Z start\n2024-05-01T10:00:01.0000000Z \x1b[33mtoken: ${token}\x1b[0m\n`;
    writeFileSync(log, text);
    const har = path.join(dir, "pattern.har");
    const entry = {
      request: {
        method: "GET",
        url: "https://api.example.test/",
        headers: [{ name: "Authorization", value: `token ${token}` }],
      },
      response: {},
    };
    writeFileSync(har, JSON.stringify({ log: { version: "1.2", entries: [entry] } }, null, 1));
    const { code, report } = await scanJson([`logs:${log}`, `har:${har}`, "--rules", "github.pat-classic"]);
    expect(code).toBe(1);
    const rows = report.findings.map((f) => [
      f.location.path,
      f.location.line,
      f.location.column,
      f.location.field,
    ]);
    expect(rows).toEqual([
      [log, 2, text.split("\n")[1]!.indexOf("ghp_") + 1, undefined],
      [har, ...Object.values(positionIn(readFileSync(har, "utf8"), token)), "request.headers[authorization]"],
    ]);
  });
});

describe("residue scan of archives", () => {
  it("finds a nested copy with its full locator; a zip bomb and a corrupt zip become errors, the rest completes", async () => {
    const sub = mkdtempSync(path.join(dir, "archives-"));
    const inner = gzip(await makeTar([{ name: "file.txt", data: Buffer.from(`x\n  ${secret}\n`) }]));
    writeFileSync(path.join(sub, "outer.zip"), makeZip([{ name: "dir/inner.tar.gz", data: inner }]));
    writeFileSync(
      path.join(sub, "bomb.zip"),
      makeZip([{ name: "fill.txt", deflated: await deflatedFill(48 << 20) }]),
    );
    writeFileSync(
      path.join(sub, "corrupt.zip"),
      makeZip([{ name: "a.txt", data: Buffer.from("a") }]).subarray(0, 50),
    );
    writeFileSync(path.join(sub, "z-last.txt"), `${secret}\n`);
    const { code, report } = await scanJson([sub, "-m", logManifest]);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.location.path, f.location.member, f.location.line])).toEqual([
      [`${sub}/outer.zip!dir/inner.tar.gz!file.txt`, "file.txt", 2],
      [`${sub}/z-last.txt`, undefined, 1],
    ]);
    expect(report.errors.map((e) => e.item).sort()).toEqual([
      `${sub}/bomb.zip!fill.txt`,
      `${sub}/corrupt.zip`,
    ]);
  });
});

describe("residue scan of a HAR, and redact", () => {
  const har = path.join(root, "fixtures/har/found.har");
  const expected = JSON.parse(readFileSync("fixtures/har/found.expected.json", "utf8")) as {
    secret: string;
    entry: number;
    field: string;
  }[];

  it("finds a secret in each kind of field with its entry and field", async () => {
    const { code, report } = await scanJson([`har:${har}`, "-m", harManifest]);
    expect(code).toBe(1);
    const exact = report.findings.filter((f) => f.match === "exact");
    const got = exact.map((f) => `${f.secretId} ${f.location.entry} ${f.location.field}`);
    expect([...new Set(got)].sort()).toEqual(expected.map((e) => `${e.secret} ${e.entry} ${e.field}`).sort());
    for (const f of report.findings)
      for (const v of Object.values(harSecrets)) expect(JSON.stringify(f)).not.toContain(v);
  });

  it("redact writes valid HAR JSON with no copy left, and leaves the original alone", async () => {
    const input = path.join(dir, "capture.har");
    copyFileSync(har, input);
    const out = path.join(dir, "capture.clean.har");
    const r = await cli(["redact", input, "-o", out, "-m", harManifest]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(Array.isArray((JSON.parse(text) as { log: { entries: unknown[] } }).log.entries)).toBe(true);
    for (const v of Object.values(harSecrets)) expect(text).not.toContain(v);
    const rescan = await scanJson([`har:${out}`, "-m", harManifest]);
    expect([rescan.code, rescan.report.findings]).toEqual([0, []]);
    expect(readFileSync(input, "utf8")).toBe(readFileSync(har, "utf8"));
  });
});

describe("residue watch", () => {
  it("sees a copy appended to a log and one in the log after rotation", async () => {
    const log = path.join(dir, "service.log");
    writeFileSync(log, "");
    let out = "";
    let interrupt = () => {};
    const interrupted = new Promise<void>((r) => {
      interrupt = r;
    });
    const io = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      env: {},
      cwd: dir,
      interrupted,
    };
    const done = run(
      ["watch", "-m", logManifest, `logs:${log}`, "-f", "jsonl", "--interval", "10", "--from-start"],
      io,
    );
    const until = async (n: number) => {
      for (let i = 0; i < 500 && out.split("\n").length <= n; i++)
        await new Promise((r) => setTimeout(r, 20));
    };
    appendFileSync(log, `retry with ${secret}\n`);
    await until(1);
    renameSync(log, `${log}.1`);
    writeFileSync(log, `rotated\n\x1b[31mretry ${secret}\x1b[0m\n`);
    await until(2);
    interrupt();
    expect(await done).toBe(1);
    const hits = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { secretId: string; location: object });
    expect(hits.map((h) => [h.secretId, h.location])).toEqual([
      ["ci-token", { path: log, line: 1, column: 12 }],
      ["ci-token", { path: log, line: 2, column: 12 }],
    ]);
    expect(out).not.toContain(secret);
  });
});
