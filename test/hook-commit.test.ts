/**
 * The installed hook end to end: a real `git commit` runs bin/residue.js (built dist), once with
 * the catalog's pattern rules (needs the pattern engine) and once with a manifest of known
 * secrets. The token is GitHub-shaped with a valid checksum, built here from a fixed fake body,
 * so it is found by the github.pat-classic rule.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { installHook } from "../src/cli/commands/hook.js";
import { run } from "../src/cli/main.js";
import { fakeSecret, type TempRepo, tempRepo } from "./git-repo.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** CRC32 (IEEE) of an ASCII string. */
function crc32(s: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) {
    crc ^= s.charCodeAt(i);
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A GitHub-format token (ghp_ + 30 characters + base62 CRC32): well-formed, never issued. */
function fakeGithubToken(seed: number): string {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let x = seed;
  let body = "";
  for (let i = 0; i < 30; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    body += abc[x % abc.length];
  }
  const b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let n = crc32(body);
  let sum = "";
  do {
    sum = b62[n % 62] + sum;
    n = Math.floor(n / 62);
  } while (n > 0);
  return `ghp_${body}${sum.padStart(6, "0")}`;
}

const repos: TempRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.remove()));
});

describe("the installed pre-commit hook", () => {
  it("blocks a commit adding a token, names it redacted, and passes a clean commit", async () => {
    expect(existsSync(path.join(root, "dist", "cli", "main.js"))).toBe(true); // npm test builds first
    const r = await tempRepo();
    repos.push(r);
    await r.write("README.md", "hello\n");
    await r.commit("base");
    await installHook(r.dir);
    const token = fakeGithubToken(7);
    await r.write("src/config.ts", `export const token = "${token}";\n`);
    await r.git.add(["src/config.ts"]);
    const blocked = await r.git.commit("add config").then(
      () => "",
      (err: Error) => err.message,
    );
    expect(blocked).toMatch(/commit blocked/);
    expect(blocked).toContain(`${token.slice(0, 4)}…${token.slice(-2)}`);
    expect(blocked).not.toContain(token);
    expect(blocked).toMatch(/residue:allow/);
    expect(blocked).toMatch(/--no-verify/);
    expect((await r.git.raw(["rev-list", "--count", "HEAD"])).trim()).toBe("1");

    await r.write("src/config.ts", "export const token = process.env.TOKEN;\n");
    await r.git.add(["src/config.ts"]);
    await r.git.commit("clean config");
    expect((await r.git.raw(["rev-list", "--count", "HEAD"])).trim()).toBe("2");
    expect(await readFile(path.join(r.dir, "src/config.ts"), "utf8")).toContain("process.env");

    // `commit -a` stages into a temporary index (GIT_INDEX_FILE): the hook must scan that one
    await r.write("src/config.ts", `export const token = "${fakeGithubToken(11)}";\n`);
    const viaAll = await r.git.commit("all", undefined, { "-a": null }).then(
      () => "",
      (err: Error) => err.message,
    );
    expect(viaAll).toMatch(/commit blocked/);
    expect((await r.git.raw(["rev-list", "--count", "HEAD"])).trim()).toBe("2");
  });

  it("with a manifest, blocks a commit adding a copy of a known secret, redacted", async () => {
    const r = await tempRepo();
    repos.push(r);
    await r.write("README.md", "hello\n");
    await r.commit("base");
    const known = fakeSecret("hook-known");
    await writeFile(path.join(r.dir, ".git", "leaked.txt"), `${known}\n`);
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: process.env, cwd: r.dir };
    expect(await run(["manifest", "add", "-m", ".git/m.json", "--from", ".git/leaked.txt"], io)).toBe(0);
    await installHook(r.dir, ["--manifest", ".git/m.json"]);
    await r.write("deploy.sh", `curl -H "X-Key: ${known}" https://example.invalid\n`);
    await r.git.add(["deploy.sh"]);
    const blocked = await r.git.commit("deploy").then(
      () => "",
      (err: Error) => err.message,
    );
    expect(blocked).toMatch(/commit blocked/);
    expect(blocked).toContain(`${known.slice(0, 4)}…${known.slice(-2)}`);
    expect(blocked).not.toContain(known);
    expect((await r.git.raw(["rev-list", "--count", "HEAD"])).trim()).toBe("1");
  });
});
