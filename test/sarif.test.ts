/**
 * SARIF for code scanning (issue 17): rules from the catalog with security-severity and help,
 * partial fingerprints, the commit, author and date of history copies, and every log valid
 * against the official SARIF 2.1.0 schema.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { INFORMATION_URI } from "../src/reporters/sarif.js";
import { fakeSecret, tempRepo } from "./git-repo.js";
import { cli } from "./helpers/cli.js";
import { fakeStripeKey } from "./helpers/fake-keys.js";
import { sarifErrors } from "./helpers/sarif-schema.js";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  properties: Record<string, unknown>;
}

describe("sarif reporter", () => {
  it("rules carry the catalog's description, security-severity and docs; the log is valid SARIF 2.1.0", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "residue-sarif-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const key = fakeStripeKey(3);
    await writeFile(path.join(dir, "app.env"), `STRIPE_SECRET_KEY=${key}\n`);
    const r = await cli(["scan", dir, "-f", "sarif"]);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain(key);
    const log = JSON.parse(r.out);
    expect(sarifErrors(log)).toEqual([]);
    const driver = log.runs[0].tool.driver;
    expect(driver.informationUri).toBe(INFORMATION_URI);
    expect(driver.informationUri).not.toMatch(/example|residue\/residue/);
    const rule = (driver.rules as SarifRule[]).find((x) => x.id.startsWith("stripe."))!;
    expect(rule.properties["security-severity"]).toBe("9.5");
    expect(rule.fullDescription.text).toMatch(/Stripe/);
    expect(rule.help.text).toContain(rule.fullDescription.text);
    expect(rule.help.markdown).toMatch(/Revoke or rotate/);
    expect(rule.helpUri).toMatch(/^https:\/\//);
    expect(rule.properties.tags).toContain("security");
    const result = log.runs[0].results[0];
    expect(result.level).toBe("error");
    expect(result.properties.severity).toBe("critical");
    expect(result.partialFingerprints["residue/v1"]).toMatch(/^[0-9a-f]{24}$/);
    expect(result.partialFingerprints["residueSecret/v1"]).toMatch(/^pattern:/);
  });

  it("a copy only in git history names its commit, author and date, and says it needs a rewrite", async () => {
    const repo = await tempRepo();
    cleanup.push(() => repo.remove());
    const secret = fakeSecret("sarif-history-1");
    await repo.write("README.md", "hello\n");
    await repo.commit("base");
    await repo.write("deploy/config.env", `TOKEN=${secret}\n`);
    const introduced = await repo.commit("add deploy config");
    await repo.write("deploy/config.env", "TOKEN=${TOKEN}\n");
    await repo.commit("read the token from the environment");
    const m = path.join(repo.dir, "..", `${path.basename(repo.dir)}.manifest.json`);
    cleanup.push(() => rm(m, { force: true }));
    expect(
      (await cli(["manifest", "add", "-m", m, "--id", "deploy-token"], { stdin: `${secret}\n` })).code,
    ).toBe(0);
    const r = await cli(["scan", `git:${repo.dir}`, "-m", m, "-f", "sarif"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expect(sarifErrors(log)).toEqual([]);
    const [result] = log.runs[0].results;
    expect(result.ruleId).toBe("known/deploy-token");
    expect(result.properties).toMatchObject({
      commit: introduced,
      author: "Test Author",
      survives: "history",
      severity: "critical",
    });
    expect(result.properties.date).toMatch(/^2024-01-01/);
    expect(result.message.text).toContain(`commit ${introduced.slice(0, 12)} by Test Author`);
    expect(result.message.text).toContain("only in history: rewrite needed");
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe("deploy/config.env");
    expect(r.out).not.toContain(secret);
    const rule = log.runs[0].tool.driver.rules[0];
    expect(rule.properties["security-severity"]).toBe("9.5");
  });
});
