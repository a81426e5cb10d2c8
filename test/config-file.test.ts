/**
 * The configuration file (issue 17): residue.config.yaml or .residue.yaml, found by walking up
 * from the target; flags on the command line win; an allowlist by path, regex and value; default
 * targets; a bad file exits 2 in one line naming the file and the key.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { fakeStripeKey } from "./helpers/fake-keys.js";

const keys = [1, 2, 3, 4].map((i) => fakeStripeKey(1700 + i));

/** A project: the config at its root, the files two folders down. */
function project(config: string, name = "residue.config.yaml"): string {
  const root = mkdtempSync(path.join(tmpdir(), "residue-config-"));
  const app = path.join(root, "app", "deep");
  mkdirSync(path.join(app, "fixtures"), { recursive: true });
  mkdirSync(path.join(app, "vendor"), { recursive: true });
  writeFileSync(path.join(root, name), config);
  writeFileSync(path.join(app, "a.env"), `STRIPE_KEY=${keys[0]}\n`);
  writeFileSync(path.join(app, "fixtures", "b.env"), `STRIPE_KEY=${keys[1]}\n`);
  writeFileSync(path.join(app, "vendor", "c.env"), `STRIPE_KEY=${keys[2]}\n`);
  writeFileSync(path.join(app, "d.env"), `STRIPE_KEY=${keys[3]}\n`);
  return root;
}

const files = (out: string) =>
  (JSON.parse(out).findings as { location: { path: string } }[])
    .map((f) => path.basename(f.location.path))
    .sort();

const CONFIG = `# the project's residue settings
format: json
exclude: ["**/vendor/**"]
allow:
  paths: ["app/*/fixtures/**"]
  values: ["${keys[3]}"]
`;

describe("the configuration file", () => {
  it("is found by walking up from the target and applied: format, exclude, allowlist by path and value", async () => {
    const root = project(CONFIG);
    const r = await cli(["scan", path.join(root, "app", "deep")]);
    expect(r.code).toBe(1);
    expect(files(r.out)).toEqual(["a.env"]);
    for (const k of keys) expect(r.out + r.err).not.toContain(k);
  });

  it("is found under its other name, .residue.yaml", async () => {
    const root = project(CONFIG, ".residue.yaml");
    const r = await cli(["scan", path.join(root, "app")]);
    expect(files(r.out)).toEqual(["a.env"]);
  });

  it("gives way to flags on the command line", async () => {
    const root = project(CONFIG);
    const r = await cli(["scan", "-f", "text", "--color", "never", path.join(root, "app")]);
    expect(r.code).toBe(1);
    expect(() => JSON.parse(r.out)).toThrow();
    expect(r.out).toMatch(/^1 item|1 finding/m);
  });

  it("is ignored with --no-config, and read from anywhere with --config FILE", async () => {
    const root = project(CONFIG);
    const off = await cli(["scan", "--no-config", "-f", "json", path.join(root, "app")]);
    expect(files(off.out)).toEqual(["a.env", "b.env", "c.env", "d.env"]);
    const elsewhere = mkdtempSync(path.join(tmpdir(), "residue-config-other-"));
    writeFileSync(path.join(elsewhere, "strict.yaml"), 'allow:\n  regexes: ["^sk_live_"]\n');
    const named = await cli([
      "scan",
      "--config",
      path.join(elsewhere, "strict.yaml"),
      "-f",
      "json",
      path.join(root, "app"),
    ]);
    expect(named.code).toBe(0);
    expect(files(named.out)).toEqual([]);
  });

  it("names the targets to scan when none is given (relative to the file)", async () => {
    const root = project(`targets: ["app/deep/a.env"]\nformat: json\n`);
    const r = await cli(["scan"], { cwd: root });
    expect(r.code).toBe(1);
    expect(files(r.out)).toEqual(["a.env"]);
  });

  it.each([
    [0, "minConfidence: sometimes\n", /residue\.config\.yaml: minConfidence: /],
    [1, "colour: always\n", /residue\.config\.yaml: colour: unknown key/],
    [
      2,
      "allow:\n  regexes: ['(unclosed']\n",
      /residue\.config\.yaml: allow\.regexes\[0\]: not a valid regular expression/,
    ],
    [3, "rules: [\n", /residue\.config\.yaml: not valid YAML/],
  ])("exits 2 in one line naming the file and the key for bad file %i", async (_i, text, want) => {
    const root = project(text);
    const r = await cli(["scan", path.join(root, "app")]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(want);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe("the allowlist and known secrets", () => {
  it("never drops a copy of a secret from a manifest", async () => {
    const root = project(`allow:\n  paths: ["**"]\n`);
    const manifest = path.join(root, "m.json");
    const keyFile = ["--key-file", path.join(root, "m.key")];
    const add = await cli(["manifest", "add", "-m", manifest, "--id", "k1", ...keyFile], { stdin: keys[0] });
    expect(add.code).toBe(0);
    const r = await cli(["scan", "-m", manifest, ...keyFile, "-f", "json", path.join(root, "app")]);
    expect(r.code).toBe(1);
    expect(files(r.out)).toEqual(["a.env"]);
  });
});
