import { chmod, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { HOOK_MARKER, hookScript, installHook } from "../src/cli/commands/hook.js";
import { gitEnv } from "../src/sources/git/exec.js";
import { type TempRepo, useTempRepos } from "./git-repo.js";
import { cli as runCli } from "./helpers/cli.js";

const repo = useTempRepos();

async function cli(argv: string[], cwd: string) {
  const r = await runCli(argv, { cwd, env: process.env });
  return { status: r.code, stdout: r.out, stderr: r.err };
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

describe("the hook script", () => {
  /** Installs a hook whose CLI is a stand-in that prints a line and exits with FAKE_STATUS. */
  async function withFakeCli(r: TempRepo) {
    const fake = path.join(r.dir, ".git", "fake-residue.mjs");
    await writeFile(
      fake,
      `process.stdout.write("app.ts:1:7 plain ghp_…ab " + process.argv.slice(2).join(" ") + "\\n");\n` +
        "process.exitCode = Number(process.env.FAKE_STATUS ?? 0);\n",
    );
    const file = path.join(r.dir, ".git", "hooks", "pre-commit");
    await writeFile(file, hookScript({ node: process.execPath, cli: fake, args: [] }), { mode: 0o755 });
    return (status: number, env: Record<string, string> = {}) =>
      simpleGit({ baseDir: r.dir, allowEnvironment: ["GIT_TERMINAL_PROMPT"] })
        .env({ ...gitEnv(), FAKE_STATUS: String(status), ...env })
        .commit("try", undefined, { "--allow-empty": null })
        .then(
          () => "passed",
          (err: Error) => err.message,
        );
  }

  it.each([
    [0, /^passed$/],
    [
      1,
      /app\.ts:1:7 plain ghp_…ab scan git-staged:\. --workers 0[\s\S]*commit blocked[\s\S]*residue:allow[\s\S]*\.residueignore[\s\S]*--no-verify/,
    ],
    [2, /could not run \(status 2\)/],
  ])("status %i of the scan gives %s", async (status, expected) => {
    const r = await repo();
    const attempt = await withFakeCli(r);
    expect(await attempt(status)).toMatch(expected);
  });

  it("lets a scan with unreadable items pass, with a warning", async () => {
    const r = await repo();
    const attempt = await withFakeCli(r);
    expect(await attempt(3)).toBe("passed");
    expect((await r.git.raw(["rev-list", "--count", "HEAD"])).trim()).toBe("1");
  });

  it("runs a chained hook first, and stops when it fails", async () => {
    const r = await repo();
    const file = path.join(r.dir, ".git", "hooks", "pre-commit");
    await writeFile(
      file,
      `#!/bin/sh\necho ran >> "${r.dir}/.git/chained-ran"\nexit "\${CHAINED_STATUS:-0}"\n`,
      {
        mode: 0o755,
      },
    );
    await installHook(r.dir); // keeps it as pre-commit.residue-chained
    const attempt = await withFakeCli(r);
    expect(await attempt(0)).toBe("passed");
    await attempt(0, { CHAINED_STATUS: "1" }); // git reports a silent hook failure without stderr
    expect((await r.git.raw(["rev-list", "--count", "HEAD"])).trim()).toBe("1");
    expect(await readFile(path.join(r.dir, ".git", "chained-ran"), "utf8")).toBe("ran\nran\n");
  });
});
