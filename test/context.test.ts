/** Context on findings: a rule's user/host/... groups are reported with the credential, never the secret. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DetectorRule } from "../src/detectors/types.js";
import { contextOf, groupNameProblem, groupNames } from "../src/match/context.js";
import { compilePatterns } from "../src/match/patterns.js";
import { cli } from "./helpers/cli.js";

const PASSWORD = "Qw7rT2zLp9Xk4vB8";

const dsn: DetectorRule = {
  id: "zdb.dsn",
  provider: "zdb",
  description: "Zdb connection string with a password.",
  keywords: ["zdb://"],
  pattern:
    "zdb://(?<user>[a-z0-9_]{1,32}):(?<secret>[^@/\\s]{8,64})@(?<host>[a-z0-9.-]{1,100})(?::(?<port>\\d{2,5}))?/(?<database>[a-z0-9_]{1,40})",
  severity: "high",
  tags: ["database"],
  examples: [`DB=zdb://app:${PASSWORD}@db.internal:5433/orders`],
  counterexamples: ["DB=zdb://app@db.internal/orders"],
};

describe("context groups", () => {
  it("lists the named groups of a pattern, not look-behinds or escaped parentheses", () => {
    expect(groupNames("(?<=a)(?<user>x)\\(?<no>y)(?<secret>z)")).toEqual(["user", "secret"]);
  });

  it("allows context names and helper groups, and names the first bad group", () => {
    expect(groupNameProblem("(?<_q>['\"])(?<secret>x)\\k<_q>(?<host>h)")).toBeUndefined();
    expect(groupNameProblem("(?<token>t)(?<secret>x)")).toMatch(/"token" is not a context name/);
  });

  it("never keeps a context value that holds the secret", () => {
    expect(contextOf({ user: `u${PASSWORD}`, host: "h.internal", secret: PASSWORD }, PASSWORD)).toEqual({
      host: "h.internal",
    });
  });
});

describe("a finding's context", () => {
  it("holds user, host, port and database of a connection string", () => {
    const [m] = compilePatterns([dsn]).find(dsn.examples[0]!);
    expect(m!.value).toBe(PASSWORD);
    expect(m!.context).toEqual({ user: "app", host: "db.internal", port: "5433", database: "orders" });
  });

  it("leaves out groups that did not take part in the match", () => {
    const [m] = compilePatterns([dsn]).find(`zdb://app:${PASSWORD}@db.internal/orders`);
    expect(m!.context).toEqual({ user: "app", host: "db.internal", database: "orders" });
  });

  it("is in the JSON report, which holds the password nowhere", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-context-"));
    writeFileSync(path.join(dir, "zdb.yaml"), JSON.stringify([dsn]));
    const r = await cli(["scan", "--detectors", dir, "--rules", "zdb", "-f", "json", "-"], {
      stdin: `${dsn.examples[0]}\n`,
    });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { findings: { ruleId: string; context?: Record<string, string> }[] };
    expect(doc.findings.map((f) => [f.ruleId, f.context])).toEqual([
      ["zdb.dsn", { user: "app", host: "db.internal", port: "5433", database: "orders" }],
    ]);
    expect(r.out + r.err).not.toContain(PASSWORD);
  });
});
