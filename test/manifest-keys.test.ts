/** Manifest keys (issue 11): kept apart from the manifest, found by id, refused when wrong or missing. */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ManifestError } from "../src/errors.js";
import { addToManifest, loadManifest } from "../src/manifest/index.js";
import { createMatchEngine } from "../src/match/index.js";
import { cli } from "./helpers/cli.js";
import { fakeToken, tempDir } from "./known-helpers.js";

function setup() {
  const dir = tempDir();
  const env = { XDG_CONFIG_HOME: path.join(dir, "config") };
  return { dir, env, keys: path.join(dir, "config", "residue", "keys"), file: path.join(dir, "m.json") };
}

describe("manifest keys", () => {
  it("a plain add creates a 0600 key file in the configuration folder and records only its id", async () => {
    const { dir, env, keys } = setup();
    const s = fakeToken();
    const r = await cli(["manifest", "add", "--id", "t"], { cwd: dir, stdin: s, env });
    expect(r.code).toBe(0);
    const [name] = readdirSync(keys);
    expect(r.out).toContain(`new key for residue.manifest.json: ${path.join(keys, name!)}`);
    expect(statSync(path.join(keys, name!)).mode & 0o777).toBe(0o600);
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    const m = JSON.parse(readFileSync(path.join(dir, "residue.manifest.json"), "utf8"));
    expect(`${m.keyId}.key`).toBe(name);
    const key = readFileSync(path.join(keys, name!), "utf8").trim();
    expect(readFileSync(path.join(dir, "residue.manifest.json"), "utf8")).not.toContain(key.slice(0, 8));
    // a second add to the same manifest uses the same key: no new key file
    const again = await cli(["manifest", "add", "--id", "u"], { cwd: dir, stdin: fakeToken(), env });
    expect(again.out).not.toContain("new key");
    expect(readdirSync(keys)).toHaveLength(1);
  });

  it("a scan finds the key by id; without it, exit 2 in one line; with it, every copy", async () => {
    const { dir, env, keys } = setup();
    const s = fakeToken();
    await cli(["manifest", "add", "-m", "m.json", "--id", "t"], { cwd: dir, stdin: s, env });
    writeFileSync(path.join(dir, "a.txt"), `x ${s}\ny ${Buffer.from(`u:${s}`).toString("base64")}\n`);
    const found = await cli(["scan", "-m", "m.json", "-f", "json", "a.txt"], { cwd: dir, env });
    expect(found.code).toBe(1);
    expect(
      JSON.parse(found.out)
        .findings.map((f: { form: string }) => f.form)
        .sort(),
    ).toEqual(["base64", "plain"]);
    const [name] = readdirSync(keys);
    const moved = path.join(dir, "elsewhere.key");
    writeFileSync(moved, readFileSync(path.join(keys, name!)));
    rmSync(path.join(keys, name!));
    const missing = await cli(["scan", "-m", "m.json", "a.txt"], { cwd: dir, env });
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split("\n")).toHaveLength(1);
    expect(missing.err).toMatch(/no key for this manifest \(key id [0-9a-f]{16}\).*--key-file/);
    const given = await cli(["scan", "-m", "m.json", "--key-file", moved, "a.txt"], { cwd: dir, env });
    expect(given.code).toBe(1);
  });

  it("another key is refused in one line, whether from --key-file or RESIDUE_MANIFEST_KEY", async () => {
    const { dir, env, file } = setup();
    await addToManifest(file, [{ id: "a", value: fakeToken() }], { env });
    const other = path.join(dir, "other.key");
    await addToManifest(path.join(dir, "n.json"), [{ id: "b", value: fakeToken() }], { env, keyFile: other });
    writeFileSync(path.join(dir, "t.txt"), "nothing\n");
    for (const [extra, why] of [
      [["--key-file", other], /--key-file .*other\.key holds another key/],
      [[], /RESIDUE_MANIFEST_KEY is another key/],
    ] as const) {
      const keyEnv = extra.length ? {} : { RESIDUE_MANIFEST_KEY: "not the key of this manifest at all" };
      // the keys folder is elsewhere: only the given key can be tried
      const r = await cli(["scan", "-m", "m.json", ...extra, "t.txt"], {
        cwd: dir,
        env: { XDG_CONFIG_HOME: path.join(dir, "empty"), ...keyEnv },
      });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });

  it("RESIDUE_MANIFEST_KEY keys a manifest without any key file (CI)", async () => {
    const { env, keys, file } = setup();
    const s = fakeToken();
    const ci = { ...env, RESIDUE_MANIFEST_KEY: "a CI secret holding the manifest key, 0123456789" };
    const r = await addToManifest(file, [{ id: "k", value: s }], { env: ci });
    expect(r.keyFile).toBeUndefined();
    expect(existsSync(keys)).toBe(false);
    const m = await loadManifest(file, { env: ci });
    expect(createMatchEngine({ manifests: [m] }).find(`x ${s}`)).toHaveLength(1);
    await expect(loadManifest(file, { env })).rejects.toThrow(ManifestError);
    await expect(addToManifest(file, [{ id: "x", value: fakeToken() }], { env })).rejects.toThrow(
      /no key for this manifest/,
    );
  });

  it("--key-file creates the key there when it does not exist, mode 0600", async () => {
    const { dir, env, keys, file } = setup();
    const keyFile = path.join(dir, "secrets", "incident.key");
    const r = await addToManifest(file, [{ id: "k", value: fakeToken() }], { env, keyFile });
    expect(r.keyFile).toBe(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(keys)).toBe(false);
    await expect(loadManifest(file, { env, keyFile })).resolves.toBeDefined();
  });

  it("refuses secrets under 8 characters, adds the rest, and warns about low entropy", async () => {
    const { env, file } = setup();
    const r = await addToManifest(
      file,
      [
        { id: "pin", value: "1234" },
        { id: "pw", value: "password123" },
        { id: "tok", value: fakeToken() },
      ],
      { env },
    );
    expect(r.added).toEqual(["pw", "tok"]);
    expect(r.refused).toEqual([expect.stringMatching(/^pin: 4 characters, under 8: too short to hunt/)]);
    expect(r.warnings).toEqual([expect.stringMatching(/^pw: low entropy/)]);
  });

  it("the CLI exits 2 when every secret is refused, and writes nothing", async () => {
    const { dir, env } = setup();
    const r = await cli(["manifest", "add", "--id", "pin"], { cwd: dir, stdin: "12345\n", env });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refused pin: 5 characters, under 8/);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(existsSync(path.join(dir, "residue.manifest.json"))).toBe(false);
    expect(existsSync(path.join(dir, "config"))).toBe(false);
  });
});
