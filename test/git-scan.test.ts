import { describe, expect, it } from "vitest";
import { type ScanOptions, scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { fakeSecret, useTempRepos } from "./git-repo.js";
import { literalMatcher, tokenPatternMatcher } from "./helpers/literal-matcher.js";

const repo = useTempRepos();

async function findings(options: ScanOptions): Promise<{ found: Finding[]; run: ReturnType<typeof scan> }> {
  const run = scan({ workers: 0, ...options });
  const found: Finding[] = [];
  for await (const f of run) found.push(f);
  return { found, run };
}

describe("git: through scan()", () => {
  it("reports a secret from a deleted file with the adding commit, not at head", async () => {
    const r = await repo();
    await r.write("a.txt", "a\n");
    await r.commit("a");
    await r.write("deploy/keys.env", `# keys\nKEY=${fakeSecret("del")}\n`);
    const adding = await r.commit("add keys");
    await r.write("a.txt", "b\n");
    await r.commit("b");
    await r.git.rm(["-q", "deploy/keys.env"]);
    await r.commit("remove keys");
    const { found } = await findings({
      targets: [`git:${r.dir}`],
      matcher: literalMatcher({ k1: fakeSecret("del") }),
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.provenance).toMatchObject({
      commit: adding,
      path: "deploy/keys.env",
      atHead: false,
      survives: "history",
    });
    expect(found[0]!.provenance.atHead).toBe(false);
    expect([found[0]!.line, found[0]!.column]).toEqual([2, 5]);
    expect(found[0]!.uri).toBe(`${adding}:deploy/keys.env:2`);
  });

  it("reports a blob on three branches once, with the first commit and all three refs", async () => {
    const r = await repo();
    await r.write("README.md", "base\n");
    await r.commit("base");
    const commits: string[] = [];
    for (const b of ["x", "y", "z"]) {
      await r.git.checkout(["-q", "-b", b, "main"]);
      await r.write(`${b}.txt`, `${b}\n`);
      await r.write("creds.env", `KEY=${fakeSecret("three")}\n`);
      commits.push(await r.commit(`on ${b}`));
    }
    const { found, run } = await findings({
      targets: [`git:${r.dir}`],
      matcher: literalMatcher({ k1: fakeSecret("three") }),
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.provenance.commit).toBe(commits[0]);
    expect(found[0]!.provenance.refs).toEqual(["refs/heads/x", "refs/heads/y", "refs/heads/z"]);
    expect(run.stats.items).toBe(5 + 4); // five files, four commit messages
  });

  it("staged: pattern findings only on added lines unless --full-files; known ones anywhere", async () => {
    const r = await repo();
    await r.write("app.env", `OLD=${fakeSecret("old")}\nA=1\n`);
    await r.commit("base");
    await r.write("app.env", `OLD=${fakeSecret("old")}\nA=1\nNEW=${fakeSecret("new")}\n`);
    await r.git.add(["app.env"]);
    const onAdded = await findings({ targets: [`git-staged:${r.dir}`], matcher: tokenPatternMatcher });
    expect(onAdded.found.map((f) => f.line)).toEqual([3]);
    const full = await findings({
      targets: [`git-staged:${r.dir}`],
      matcher: tokenPatternMatcher,
      fullFiles: true,
    });
    expect(full.found.map((f) => f.line)).toEqual([1, 3]);
    const known = await findings({
      targets: [`git-staged:${r.dir}`],
      matcher: literalMatcher({ k1: fakeSecret("old") }),
    });
    expect(known.found.map((f) => [f.provenance.source, f.line])).toEqual([["git-staged", 1]]);
  });
});
