/** Issue 11: `manifest add` and `remove` run at the same time lose no entry (a lock around each edit). */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listManifest } from "../src/manifest/index.js";
import { fakeToken, tempDir } from "./known-helpers.js";

const bin = path.join(import.meta.dirname, "..", "bin", "residue.js");

/** Runs the built CLI; resolves to its exit status and stderr. */
function residue(
  args: string[],
  stdin: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { env, stdio: ["pipe", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => resolve({ code: code ?? -1, err }));
    p.stdin.end(stdin);
  });
}

// 20 node processes at once: on a busy shared machine that takes minutes, not the default 60 s
describe("concurrent manifest edits", { timeout: 300_000 }, () => {
  it("20 concurrent adds of disjoint secrets end with every entry present", async () => {
    const dir = tempDir();
    const file = path.join(dir, "m.json");
    const env = { ...process.env, XDG_CONFIG_HOME: path.join(dir, "config") };
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        residue(["manifest", "add", "-m", file, "--id", `s${i}`], `${fakeToken()}\n`, env),
      ),
    );
    expect(runs.filter((r) => r.code !== 0).map((r) => r.err)).toEqual([]);
    const ids = (await listManifest(file)).map((e) => e.id).sort();
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `s${i}`).sort());
  });

  it("adds and removes at the same time keep every entry that was not removed", async () => {
    const dir = tempDir();
    const file = path.join(dir, "m.json");
    const env = { ...process.env, XDG_CONFIG_HOME: path.join(dir, "config") };
    const first = await residue(["manifest", "add", "-m", file, "--id", "gone"], `${fakeToken()}\n`, env);
    expect(first.code).toBe(0);
    const runs = await Promise.all([
      residue(["manifest", "remove", "-m", file, "gone"], "", env),
      ...Array.from({ length: 8 }, (_, i) =>
        residue(["manifest", "add", "-m", file, "--id", `a${i}`], `${fakeToken()}\n`, env),
      ),
    ]);
    expect(runs.map((r) => r.code)).toEqual(Array(9).fill(0));
    const ids = (await listManifest(file)).map((e) => e.id).sort();
    expect(ids).toEqual(Array.from({ length: 8 }, (_, i) => `a${i}`).sort());
  });
});
