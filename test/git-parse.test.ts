import { describe, expect, it } from "vitest";
import { isLfsPointer } from "../src/sources/git/blobs.js";
import { gitReason, unquotePath } from "../src/sources/git/exec.js";
import { parseStagedDiff } from "../src/sources/git-staged/index.js";
import { isUrlSpec } from "../src/sources/target.js";

async function* lines(text: string) {
  for (const l of text.split("\n")) yield l;
}

describe("git output parsing", () => {
  it.each([
    ["plain/path.txt", "plain/path.txt"],
    ['"with\\ttab.txt"', "with\ttab.txt"],
    ['"quote\\"d.txt"', 'quote"d.txt'],
    ['"caf\\303\\251.txt"', "café.txt"],
    ['"back\\\\slash"', "back\\slash"],
  ])("unquotes path %#", (quoted, plain) => {
    expect(unquotePath(quoted)).toBe(plain);
  });

  it("reads staged blobs and added lines from one diff", async () => {
    const zero = "0".repeat(40);
    const a = "a".repeat(40);
    const b = "b".repeat(40);
    const c = "c".repeat(40);
    const out = [
      `:100644 100644 ${a} ${b} M\tsrc/app.ts`,
      `:000000 100644 ${zero} ${c} A\tnew file.txt`,
      `:100644 000000 ${a} ${zero} D\tgone.txt`,
      `:000000 160000 ${zero} ${a} A\tvendor/lib`,
      "",
      "diff --git a/src/app.ts b/src/app.ts",
      "--- a/src/app.ts",
      "+++ b/src/app.ts",
      "@@ -3 +3,2 @@ context",
      "-old",
      "+new one",
      "+new two",
      "@@ -10,0 +12 @@",
      "+appended",
      "diff --git a/new file.txt b/new file.txt",
      "--- /dev/null",
      "+++ b/new file.txt\t",
      "@@ -0,0 +1,2 @@",
      "+x",
      "+y",
      "--- a/gone.txt",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-bye",
    ].join("\n");
    const staged = await parseStagedDiff(lines(out));
    expect(staged.submodules).toEqual(["vendor/lib"]);
    expect(staged.files.map((f) => [f.path, f.sha, [...f.added]])).toEqual([
      ["src/app.ts", b, [3, 4, 12]],
      ["new file.txt", c, [1, 2]],
    ]);
  });

  it("recognises URLs, scp-like addresses and LFS pointers", () => {
    expect(isUrlSpec("https://example.invalid/org/repo.git")).toBe(true);
    expect(isUrlSpec("git@example.invalid:org/repo.git")).toBe(true);
    expect(isUrlSpec("./some/folder")).toBe(false);
    expect(isUrlSpec("/abs/folder")).toBe(false);
    const pointer = Buffer.from("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 3\n");
    expect(isLfsPointer(pointer)).toBe(true);
    expect(isLfsPointer(Buffer.from("just text\n"))).toBe(false);
  });

  it("turns a git failure into a one-line reason", () => {
    expect(gitReason(new Error("warning: x\nfatal: not a git repository (or any parent)\n"))).toBe(
      "not a git repository (or any parent)",
    );
  });
});
