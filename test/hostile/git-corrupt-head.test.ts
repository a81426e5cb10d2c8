/**
 * Issue 16, row "a repository whose HEAD commit object is corrupt": the other refs, the stash and
 * the notes are still scanned; the unreadable commit is an error item; exit 3 when nothing else
 * is found.
 */
import { chmod, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type TempRepo, useTempRepos } from "../git-repo.js";
import { acmeKey } from "../helpers/acme.js";
import { scanRepo } from "./git-scan.js";

const repo = useTempRepos();

/** Overwrites a loose object with bytes that are not zlib data. */
async function corrupt(r: TempRepo, sha: string): Promise<void> {
  const file = path.join(r.dir, ".git", "objects", sha.slice(0, 2), sha.slice(2));
  await chmod(file, 0o644);
  await writeFile(file, "not an object at all\n");
}

/** main (its tip about to be corrupted), a side branch, a stash and a note, each with a key. */
async function build(withKeys: boolean) {
  const r = await repo();
  const key = (n: number) => (withKeys ? acmeKey(n) : "nothing here");
  await r.write("base.txt", "base\n");
  await r.commit("base");
  await r.git.checkout(["-q", "-b", "side"]);
  await r.write("side.env", `KEY=${key(4)}\n`);
  await r.commit("side");
  await r.git.checkout(["-q", "main"]);
  await r.write("head.txt", "tip\n");
  const head = await r.commit("tip of main");
  await r.write("base.txt", `base\nKEY=${key(5)}\n`);
  await r.git.stash(["push", "-q"]);
  await r.git.raw(["notes", "add", "-m", `ops note ${key(6)}`, "HEAD~1"]);
  await corrupt(r, head);
  return { r, head };
}

describe("hostile git: a corrupt HEAD commit", () => {
  it("still scans the side branch, the stash and the notes, and names the unreadable commit", async () => {
    const { r, head } = await build(true);
    const { code, findings, errors } = await scanRepo(r.dir, [4, 5, 6]);
    expect(code).toBe(1);
    const places = findings.map((f) => f.location.path).sort();
    expect(places).toEqual(expect.arrayContaining(["base.txt", "side.env"]));
    // the note is a blob in the notes tree, named by the commit it annotates
    expect(findings).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: "refs/heads/main", reason: expect.stringContaining(head) }),
      ]),
    );
  });

  it("exits 3 with the error item when nothing else is found", async () => {
    const { r, head } = await build(false);
    const { code, findings, errors } = await scanRepo(r.dir, []);
    expect(code).toBe(3);
    expect(findings).toEqual([]);
    expect(errors.map((e) => e.item)).toContain("refs/heads/main");
    expect(errors.find((e) => e.item === "refs/heads/main")!.reason).toContain(head);
  });
});
