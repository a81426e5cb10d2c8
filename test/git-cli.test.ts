/** `residue scan git:…` through the CLI, with a manifest of known-compromised secrets. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fakeSecret, type TempRepo, tempRepo } from "./git-repo.js";
import { cli as runCli } from "./helpers/cli.js";

const repos: TempRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.remove()));
});

async function cli(argv: string[], cwd: string) {
  const r = await runCli(argv, { cwd, env: { ...process.env, RESIDUE_MANIFEST_KEY: undefined } });
  return { status: r.code, stdout: r.out, stderr: r.err };
}

/** A repo whose history holds two known secrets: one still at head, one only in history. */
async function historyRepo() {
  const r = await tempRepo();
  repos.push(r);
  await r.write("README.md", "hello\n");
  const base = await r.commit("base");
  await r.write("old.env", `KEY=${fakeSecret("cli-old")}\n`);
  const adding = await r.commit("add old");
  await r.git.rm(["-q", "old.env"]);
  await r.commit("remove old");
  await r.git.raw(["tag", "v1"]);
  await r.write("new.env", `KEY=${fakeSecret("cli-new")}\n`);
  const latest = await r.commit("add new");
  await r.write(".git/secrets.txt", `${fakeSecret("cli-old")}\n${fakeSecret("cli-new")}\n`);
  const added = await cli(["manifest", "add", "-m", ".git/m.json", "--from", ".git/secrets.txt"], r.dir);
  expect(added.status).toBe(0);
  return { r, base, adding, latest };
}

type JsonFinding = { location: Record<string, unknown>; uri: string; redacted: string; source: string };

describe("residue scan git:", () => {
  it("reports history and head copies with commit, refs and atHead, redacted", async () => {
    const { r, adding, latest } = await historyRepo();
    const out = await cli(["scan", "git:.", "-m", ".git/m.json", "-f", "json"], r.dir);
    expect(out.status).toBe(1);
    expect(out.stdout).not.toContain(fakeSecret("cli-old"));
    const report = JSON.parse(out.stdout) as { findings: JsonFinding[] };
    const byPath = new Map(report.findings.map((f) => [f.location.path, f]));
    expect(byPath.get("old.env")).toMatchObject({
      source: "git",
      location: {
        commit: adding,
        atHead: false,
        survives: "history",
        refs: ["refs/heads/main", "refs/tags/v1"],
        line: 1,
      },
      uri: `${adding}:old.env:1`,
    });
    expect(byPath.get("new.env")?.location).toMatchObject({
      commit: latest,
      atHead: true,
      refs: ["refs/heads/main"],
    });
  });

  it("limits the scan with --range and --since", async () => {
    const { r, adding, latest } = await historyRepo();
    const ranged = await cli(
      ["scan", "git:.", "-m", ".git/m.json", "-f", "json", "--range", `${adding}..HEAD`],
      r.dir,
    );
    const found = (JSON.parse(ranged.stdout) as { findings: JsonFinding[] }).findings;
    expect(found.map((f) => f.location.commit)).toEqual([latest]);
    const since = await cli(
      ["scan", "git:.", "-m", ".git/m.json", "-f", "json", "--since", "2030-01-01"],
      r.dir,
    );
    expect(since.status).toBe(0);
  });

  it("rejects a range that is not one, and reports a folder that is not a repository", async () => {
    const { r } = await historyRepo();
    const bad = await cli(["scan", "git:.", "--range", "--all"], r.dir);
    expect(bad.status).toBe(2);
    const plain = path.join(r.dir, ".git", "plain");
    await writeFile(plain, "x");
    const notRepo = await cli(
      ["scan", `git:${path.dirname(r.dir)}`, "-m", ".git/m.json", "-f", "json"],
      r.dir,
    );
    expect(notRepo.status).toBe(3);
    expect(JSON.parse(notRepo.stdout).errors[0].reason).toMatch(/not a git repository/);
  });
});
