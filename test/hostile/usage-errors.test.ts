/**
 * Issue 16: bad query options, a bad thread count and an output path that cannot take the report
 * were accepted, ended in exit 3, or in "internal error". Each is now a usage error: exit 2 and
 * one line naming what is wrong, before anything is read or written.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { tempFolder } from "./kit.js";

const root = tempFolder("usage");
const file = path.join(root, "a.txt");

beforeAll(() => writeFileSync(file, "nothing here\n"));

const cases: [string[], RegExp][] = [
  [["slack:?types=bogus"], /^residue: slack:\?types=bogus: .*bogus is not one of public_channel/],
  [
    ["jira:ftp://jira.example.invalid"],
    /^residue: jira:ftp:\/\/jira\.example\.invalid: use an http\(s\) URL/,
  ],
  [["--workers", "abc", file], /'--workers <n>' argument 'abc' is invalid/],
  [["--workers", "-1", file], /'--workers <n>' argument '-1' is invalid/],
  // a part of the path is a file, so no folder can be made there, whoever runs the test (root too)
  [["-o", path.join(file, "x.json"), file], /^residue: --output .*x\.json: cannot write the report there: /],
  [["-o", root, file], /^residue: --output .*: cannot write the report there: it is a folder/],
];

describe("usage errors exit 2 in one line (issue 16)", () => {
  for (const [n, [args, line]] of cases.entries()) {
    it(`case ${n}`, async () => {
      const r = await cli(["scan", "-q", ...args], { env: { SLACK_TOKEN: "xoxb-fake", JIRA_TOKEN: "fake" } });
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      const lines = r.err.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(r.err).not.toMatch(/internal error|\n\s+at /);
    });
  }
});
