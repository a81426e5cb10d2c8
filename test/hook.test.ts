import { chmod, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, describe, expect, it } from "vitest";
import { HOOK_MARKER } from "../src/cli/commands/hook.js";
import { run } from "../src/cli/main.js";
import { type TempRepo, tempRepo } from "./git-repo.js";

const repos: TempRepo[] = [];
async function repo(): Promise<TempRepo> {
  const r = await tempRepo();
  repos.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.remove()));
});

async function cli(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const status = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: process.env,
    cwd,
  });
  return { status, stdout, stderr };
}

describe("residue hook", () => {
  it("install then uninstall restores a pre-existing hook byte for byte", async () => {
    const r = await repo();
    const file = path.join(r.dir, ".git", "hooks", "pre-commit");
    const original = "#!/usr/bin/env python3\n# the team's own hook\r\nprint('lint')\n\u00e9\n";
    await writeFile(file, original);
    await chmod(file, 0o750);
    const installed = await cli(["hook", "install", "--path", r.dir], "/");
    expect(installed.status).toBe(0);
    expect(installed.stdout).toMatch(/kept as pre-commit.residue-chained/);
    expect(await readFile(file, "utf8")).toContain(HOOK_MARKER);
    expect(await readFile(`${file}.residue-chained`, "utf8")).toBe(original);
    const removed = await cli(["hook", "uninstall"], r.dir);
    expect(removed.status).toBe(0);
    expect(await readFile(file)).toEqual(Buffer.from(original));
    expect((await stat(file)).mode & 0o777).toBe(0o750);
    await expect(stat(`${file}.residue-chained`)).rejects.toThrow();
  });

  it("is idempotent, and uninstall without a previous hook removes the file", async () => {
    const r = await repo();
    const file = path.join(r.dir, ".git", "hooks", "pre-commit");
    await cli(["hook", "install"], r.dir);
    const once = await readFile(file, "utf8");
    const again = await cli(["hook", "install"], r.dir);
    expect(again.stdout).toMatch(/already installed/);
    expect(await readFile(file, "utf8")).toBe(once);
    await expect(stat(`${file}.residue-chained`)).rejects.toThrow();
    expect((await stat(file)).mode & 0o111).toBe(0o111);
    await cli(["hook", "uninstall"], r.dir);
    await expect(stat(file)).rejects.toThrow();
    const twice = await cli(["hook", "uninstall"], r.dir);
    expect(twice.stdout).toMatch(/no residue hook/);
  });

  it("writes into core.hooksPath and leaves a foreign hook alone on uninstall", async () => {
    const r = await repo();
    await simpleGit({ baseDir: r.dir, unsafe: { allowUnsafeHooksPath: true } }).addConfig(
      "core.hooksPath",
      ".githooks",
    );
    await cli(["hook", "install"], r.dir);
    const file = path.join(r.dir, ".githooks", "pre-commit");
    expect(await readFile(file, "utf8")).toContain(HOOK_MARKER);
    await writeFile(file, "#!/bin/sh\nexit 0\n");
    const out = await cli(["hook", "uninstall"], r.dir);
    expect(out.stdout).toMatch(/not residue's; left untouched/);
    expect(await readFile(file, "utf8")).toBe("#!/bin/sh\nexit 0\n");
  });

  it("refuses a folder that is not a repository with a usage error", async () => {
    const r = await repo();
    const out = await cli(["hook", "install", "--path", "/"], r.dir);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/not a git repository/);
  });
});
