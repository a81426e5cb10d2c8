/**
 * What every hostile-input test needs: seeded fake secrets, a temp folder removed after the file's
 * tests, a manifest of the secrets, the CLI run in process or as a child process, and the check
 * that no secret appears in full in anything the run wrote.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { mulberry32 } from "../../fixtures/prng.mjs";
import { addToManifest } from "../../src/manifest/index.js";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A fictional secret, the same for the same seed. */
export function seededSecret(seed: number, prefix = "fake_hostile_", n = 32): string {
  const rnd = mulberry32(seed);
  let s = prefix;
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  return s;
}

/** A temp folder for this test file, removed (even when made read-only inside) after its tests. */
export function tempFolder(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `residue-hostile-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a manifest of the secrets (ids leaked-0, leaked-1, …) and returns its path. */
export async function manifestOf(dir: string, secrets: string[]): Promise<string> {
  const file = path.join(dir, "hostile.manifest.json");
  await addToManifest(
    file,
    secrets.map((value, i) => ({ id: `leaked-${i}`, value })),
    { env: {} },
  );
  return file;
}

/** Asserts that no secret appears in full in any of the texts. */
export function expectNoSecret(texts: string[], secrets: string[]): void {
  const all = texts.join("\n");
  for (const [i, s] of secrets.entries()) expect(all.includes(s), `secret ${i} printed in full`).toBe(false);
}

/** The built CLI (npm test builds first). */
export const BIN = path.join(import.meta.dirname, "../../bin/residue.js");

/** Capabilities that let root read whatever the mode bits say. */
const OVERRIDES = "-dac_override,-dac_read_search";

/**
 * Runs the built CLI as a child process. With `honourModes`, a root runner first drops the
 * capabilities that let root ignore mode bits (setpriv, util-linux), so a mode-000 folder is
 * unreadable to the scan whoever runs the tests.
 */
export function runChild(
  argv: string[],
  opts: { cwd?: string; honourModes?: boolean; env?: Record<string, string> } = {},
): Promise<{ code: number; out: string; err: string }> {
  const asRoot = process.getuid?.() === 0;
  const node = [process.execPath, BIN, ...argv];
  const [cmd, args] =
    opts.honourModes && asRoot
      ? ["setpriv", ["--bounding-set", OVERRIDES, "--inh-caps", OVERRIDES, ...node]]
      : [node[0]!, node.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      // HOME and XDG_CONFIG_HOME are the test's own (setup-home.ts): the manifest's key is there
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "",
        XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? "",
        ...opts.env,
      },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (b) => (out += b));
    child.stderr.on("data", (b) => (err += b));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** The JSON report, as much of it as the hostile tests read. */
export interface JsonReport {
  findings: { ruleId: string; location: { path: string } & Record<string, unknown> }[];
  errors: { source: string; item: string; reason: string }[];
  stats: Record<string, unknown> & { items: number };
}
