import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { fakeToken, tempDir } from "./known-helpers.js";

async function cli(args: string[], opts: { cwd: string; stdin?: string; env?: Record<string, string> }) {
  let out = "";
  let err = "";
  const status = await run(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    env: opts.env ?? {},
    cwd: opts.cwd,
  });
  return { status, out, err };
}

describe("residue manifest", () => {
  it("adds a piped secret under --id, lists it, removes it", async () => {
    const cwd = tempDir();
    const s = fakeToken();
    const added = await cli(["manifest", "add", "--id", "ci-token", "--tier", "privileged"], {
      cwd,
      stdin: `${s}\n`,
    });
    expect(added).toMatchObject({ status: 0, err: "" });
    expect(added.out).toContain("added 1 secret to residue.manifest.json: ci-token");
    expect(readFileSync(path.join(cwd, "residue.manifest.json"), "utf8")).not.toContain(s.slice(5, 13));
    const listed = await cli(["manifest", "list"], { cwd });
    expect(listed.status).toBe(0);
    expect(listed.out).toMatch(/ci-token\s+privileged\s+\d+/);
    const removed = await cli(["manifest", "remove", "ci-token"], { cwd });
    expect(removed.status).toBe(0);
    expect((await cli(["manifest", "list", "--json"], { cwd })).out.trim()).toBe("[]");
  });

  it("gives generated ids to lines and reads --from files in detected formats", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "prod.env"), `A=${fakeToken()}\nB=${fakeToken()}\n`);
    const lines = await cli(["manifest", "add", "-m", "x.json"], {
      cwd,
      stdin: `${fakeToken()}\n${fakeToken()}\n`,
    });
    expect(lines.out).toContain("secret-1, secret-2");
    const env = await cli(["manifest", "add", "-m", "x.json", "--from", "prod.env", "--label", "prod"], {
      cwd,
    });
    expect(env.out).toContain("A, B");
    const listed = (await cli(["manifest", "list", "-m", "x.json", "--json"], { cwd })).out;
    expect(JSON.parse(listed).map((e: { id: string }) => e.id)).toEqual(["secret-1", "secret-2", "A", "B"]);
  });

  it("warns on stderr about a low-entropy secret", async () => {
    const cwd = tempDir();
    const r = await cli(["manifest", "add", "--id", "weak"], { cwd, stdin: "hunter2hunter2\n" });
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/^residue: warning: weak: low entropy/);
  });

  it("refuses a corrupt manifest with one line and exit status 2", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "residue.manifest.json"), "{ broken");
    const r = await cli(["manifest", "list"], { cwd });
    expect(r.status).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^residue: .*residue\.manifest\.json: not a residue manifest/);
    const add = await cli(["manifest", "add"], { cwd, stdin: `${fakeToken()}\n` });
    expect(add.status).toBe(2);
    expect(readFileSync(path.join(cwd, "residue.manifest.json"), "utf8")).toBe("{ broken");
  });

  it("says so when stdin holds no secret", async () => {
    const cwd = tempDir();
    const r = await cli(["manifest", "add"], { cwd, stdin: "\n\n" });
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/no secrets in standard input/);
    expect(existsSync(path.join(cwd, "residue.manifest.json"))).toBe(false);
  });
});
