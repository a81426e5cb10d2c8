/** Issue 16, row "a secret in a commit message or an annotated tag's message": both are scanned. */
import { describe, expect, it } from "vitest";
import { useTempRepos } from "../git-repo.js";
import { acmeKey } from "../helpers/acme.js";
import { scanRepo } from "./git-scan.js";

const repo = useTempRepos();

describe("hostile git: what people paste into git", () => {
  it("finds keys in a commit message and a tag message beside one in a file", async () => {
    const r = await repo();
    await r.write("app.env", `KEY=${acmeKey(1)}\n`);
    await r.commit("config");
    await r.write("notes.txt", "deploy notes\n");
    const pasted = await r.commit(`deploy\n\ntried with ${acmeKey(2)}, works`);
    await r.git.raw(["tag", "-a", "v2", "-m", `release\n\nstaging key: ${acmeKey(3)}`]);
    const { code, findings, errors, text } = await scanRepo(r.dir, [1, 2, 3]);
    expect(code).toBe(1);
    expect(errors).toEqual([]);
    const where = findings.map((f) => [f.location.field ?? f.location.path, f.uri]);
    expect(where).toEqual(
      expect.arrayContaining([
        ["app.env", expect.stringMatching(/:app\.env:1$/)],
        ["message", `${pasted}:message:3`],
        ["tag", "refs/tags/v2:tag:3"],
      ]),
    );
    expect(findings).toHaveLength(3);
    expect(text).toContain(`${pasted}:message:3`);
  });
});
