import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TargetStats } from "../src/scan.js";
import { openStore } from "../src/store/index.js";
import type { Finding } from "../src/types.js";
import { cli } from "./helpers/cli.js";
import { incidentCopies, targetOf } from "./store-fixtures.js";

const stats = (target: string): TargetStats => ({
  target,
  status: "done",
  items: 240,
  bytes: 9_600_000,
  skipped: 0,
  findings: 0,
  errors: 0,
});

/** Three sweep runs over an incident: copies spread, one is purged; one copy verified live. */
async function buildStore(db: string): Promise<{ secrets: string[]; copies: Finding[] }> {
  // fixed fake values and clock: the committed screenshot does not change from run to run
  const { secrets, copies } = incidentCopies(`fake_ci_${"Q".repeat(28)}Zx`, `fake_db_${"W".repeat(28)}Pq`);
  copies[2]!.verification = { status: "live", checkedAt: "2026-11-26T23:00:00.000Z", detail: "HTTP 200" };
  const store = await openStore(db);
  const runs = [copies.slice(0, 4), copies, copies.filter((_, i) => i !== 4)];
  vi.useFakeTimers({ toFake: ["Date"] });
  for (const [i, found] of runs.entries()) {
    vi.setSystemTime(new Date(Date.UTC(2026, 10, 24 + i, 2, 15)));
    const run = store.writer.startRun("residue.sweep.json");
    store.writer.saveSecrets(run, [
      { id: "ci-deploy-token", label: "CI deploy token", tier: "privileged" },
      { id: "db-password", label: "orders DB password", tier: "standard" },
    ]);
    for (const target of new Set(copies.map(targetOf))) {
      store.writer.startTarget(run, target);
      store.writer.write(run, { target, findings: found.filter((f) => targetOf(f) === target) });
      store.writer.finishTarget(run, stats(target), [], { all: true });
    }
    store.writer.finishRun(run, "done");
  }
  vi.useRealTimers();
  store.close();
  return { secrets, copies };
}

describe("the HTML exposure report in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lists the expected copies, filters them, shows no plaintext secret", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-html-"));
    const db = path.join(dir, "r.db");
    const { secrets, copies } = await buildStore(db);
    const out = path.join(dir, "report.html");
    const r = await cli(["report", "--db", db, "-f", "html", "-o", out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    for (const s of secrets) expect(html.includes(s)).toBe(false);

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (req) => !req.url().startsWith("file:") && problems.push(`request ${req.url()}`));
    await page.goto(pathToFileURL(out).href);

    const ids = await page.$$eval("tr.copy", (trs) => trs.map((tr) => tr.getAttribute("data-id")));
    expect([...ids].sort()).toEqual(copies.map((c) => c.id).sort());
    const gone = await page.$$eval("tr.copy.gone", (trs) => trs.map((tr) => tr.getAttribute("data-id")));
    expect(gone).toEqual([copies[4]!.id]);
    const firstRow = await page.$eval("section.secret tr.copy", (tr) => tr.textContent ?? "");
    expect(firstRow).toContain("live"); // verified-live copies come first
    const first = await page.locator("section.secret").first().textContent();
    expect(first).toContain("Compromised secret ci-deploy-token (CI deploy token) · privileged");
    expect(first).toContain("Rotate every downstream secret");
    expect(await page.locator("svg.chart rect").count()).toBeGreaterThan(3);

    await page.fill("#filter", "slack channel");
    expect(await page.locator("tr.copy:not(.hidden)").count()).toBe(1);
    expect(await page.locator("section.secret:not(.hidden)").count()).toBe(1);
    expect(await page.textContent("#count")).toBe(`1 of ${copies.length} copies shown`);
    await page.fill("#filter", "");
    expect(await page.locator("tr.copy:not(.hidden)").count()).toBe(copies.length);

    const content = await page.content();
    for (const s of secrets) expect(content.includes(s)).toBe(false);
    await page.screenshot({
      path: path.join(import.meta.dirname, "..", "docs", "report.png"),
      fullPage: true,
    });
    expect(problems).toEqual([]);
    await page.close();
  });
});
