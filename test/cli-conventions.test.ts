/**
 * CLI conventions (issue 17): -q prints nothing, colour by TTY / NO_COLOR / FORCE_COLOR /
 * --color, --json for -f json, no arguments is help with exit status 2, help has examples,
 * exit statuses and environment variables.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { cli } from "./helpers/cli.js";
import { fakeStripeKey } from "./helpers/fake-keys.js";

const dir = mkdtempSync(path.join(tmpdir(), "residue-conv-"));
writeFileSync(path.join(dir, "app.env"), `STRIPE_SECRET_KEY=${fakeStripeKey(9)}\n`);

/** Runs the CLI with stdout as a terminal or not. */
async function tty(argv: string[], isTTY: boolean, env: Record<string, string> = {}) {
  let out = "";
  const code = await run(argv, {
    stdout: { write: (s: string) => (out += s), isTTY },
    stderr: { write: () => true, isTTY },
    stdin: Readable.from([]),
    env,
    cwd: process.cwd(),
  });
  return { code, out };
}

const ANSI = "\u001b[";

describe("CLI conventions", () => {
  it("-q prints nothing and says it by the exit status; -q -f json still writes JSON", async () => {
    const r = await cli(["scan", dir, "-q"]);
    expect(r).toEqual({ code: 1, out: "", err: "" });
    const j = await cli(["scan", dir, "-q", "-f", "json"]);
    expect(j.code).toBe(1);
    expect(j.err).toBe("");
    expect(JSON.parse(j.out).findings).toHaveLength(1);
  });

  it("-q -o FILE still writes the text report to the file, and nothing to stdout", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "residue-conv-out-")), "report.txt");
    const r = await cli(["scan", dir, "-q", "-o", file]);
    expect(r).toEqual({ code: 1, out: "", err: "" });
    expect(readFileSync(file, "utf8")).toMatch(/app\.env:1/);
  });

  it("--json is -f json", async () => {
    const a = JSON.parse((await cli(["scan", dir, "--json"])).out);
    const b = JSON.parse((await cli(["scan", dir, "-f", "json"])).out);
    expect(a.findings.map((f: { id: string }) => f.id)).toEqual(b.findings.map((f: { id: string }) => f.id));
    expect(a.version).toBe(1);
  });

  it.each([
    ["a terminal", [], true, {}, true],
    ["a pipe", [], false, {}, false],
    ["NO_COLOR on a terminal", [], true, { NO_COLOR: "1" }, false],
    ["FORCE_COLOR in a pipe", [], false, { FORCE_COLOR: "1" }, true],
    ["FORCE_COLOR=0 on a terminal", [], true, { FORCE_COLOR: "0", NO_COLOR: "1" }, false],
    ["--color always in a pipe", ["--color", "always"], false, {}, true],
    ["--color never with FORCE_COLOR", ["--color", "never"], true, { FORCE_COLOR: "1" }, false],
  ])("colour with %s: %s", async (_name, flags, isTTY, env, coloured) => {
    const r = await tty(
      ["scan", dir, ...(flags as string[])],
      isTTY as boolean,
      env as Record<string, string>,
    );
    expect(r.code).toBe(1);
    expect(r.out.includes(ANSI)).toBe(coloured);
  });

  it("a bad --color is a usage error", async () => {
    const r = await cli(["scan", dir, "--color", "sometimes"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^residue: --color: expected auto, always or never, got "sometimes"\n$/);
  });

  it("no arguments: the help on stderr, with examples, exit statuses and environment; exit 2", async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    for (const want of [
      "Usage: residue",
      "scan [options]",
      "Examples:",
      "Exit status:",
      "Environment:",
      "FORCE_COLOR",
    ])
      expect(r.err).toContain(want);
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("Exit status:");
  });

  it("summaries count in the singular and plural: 1 item, 1 finding, 0 errors", async () => {
    const r = await cli(["scan", dir]);
    expect(r.out).toMatch(/^1 item, \d+ B, 1 finding, 0 errors, /m);
  });
});
