import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TargetStats } from "../src/scan.js";
import { openStore } from "../src/store/index.js";
import type { Finding } from "../src/types.js";
import { tempRepo } from "./git-repo.js";
import { cli } from "./helpers/cli.js";
import { fakeStripeKey } from "./helpers/fake-keys.js";
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
    expect(first).toContain("downstream secrets rotated");
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

  it("is a responder's worksheet: by severity, described, one purge checklist per system, commit links", async () => {
    const ws = mkdtempSync(path.join(tmpdir(), "residue-html-scan-"));
    const stripe = fakeStripeKey(77);
    const generic = "Vt9qLmX2w8bRzKc4NdpY7sHgJ3aFeU6o";
    const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs1",
      format: "pem",
    }) as string;
    mkdirSync(path.join(ws, "app"));
    mkdirSync(path.join(ws, "keys"));
    writeFileSync(path.join(ws, "app", "a.env"), `APP_SECRET="${generic}"\n`);
    writeFileSync(path.join(ws, "app", "b.env"), `STRIPE_SECRET_KEY=${stripe}\n`);
    writeFileSync(path.join(ws, "keys", "deploy.pem"), pem);
    const repo = await tempRepo();
    const token = fakeStripeKey(78);
    await repo.git.addRemote("origin", "https://github.com/acme/payments.git");
    await repo.write("billing/config.env", `STRIPE_SECRET_KEY=${token}\n`);
    const commit = await repo.commit("billing config");
    const out = path.join(ws, "report.html");
    const r = await cli([
      "scan",
      path.join(ws, "app"),
      path.join(ws, "keys"),
      `git:${repo.dir}`,
      "-f",
      "html",
      "-o",
      out,
    ]);
    expect(r.code, r.err).toBe(1);
    const html = readFileSync(out, "utf8");
    const plain = [stripe, generic, token, pem.split("\n")[1]!];
    for (const s of plain) expect(html.includes(s)).toBe(false);

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (req) => !req.url().startsWith("file:") && problems.push(`request ${req.url()}`));
    await page.goto(pathToFileURL(out).href);
    const rank: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };
    const severities = await page.$$eval("section.secret", (els) =>
      els.map((e) => e.getAttribute("data-severity")!),
    );
    expect(severities.length).toBeGreaterThanOrEqual(4);
    expect(severities.map((x) => rank[x])).toEqual(
      [...severities.map((x) => rank[x])].sort((a, b) => b! - a!),
    );
    expect(severities.at(-1)).toBe("medium");
    const first = (await page.locator("section.secret").first().textContent()) ?? "";
    expect(first).toMatch(/critical/i);
    expect(first).toMatch(/Stripe/); // the rule's description
    // one purge checklist per system, one box per copy
    const systems = await page.$$eval("section.secret .system h3", (hs) => [
      ...new Set(hs.map((h) => h.firstChild!.textContent!.trim())),
    ]);
    const lists = await page.$$eval(".system-checklist", (els) =>
      els.map((e) => e.getAttribute("data-system")),
    );
    expect([...lists].sort()).toEqual([...systems].sort());
    const ids = await page.$$eval("tr.copy", (trs) => trs.map((tr) => tr.getAttribute("data-id")!));
    for (const id of ids) expect(await page.locator(`input[data-key="purge:${id}"]`).count()).toBe(1);
    // links: the commit and line on GitHub; a file of a relative path as file://
    const hrefs = await page.$$eval("tr.copy a", (as) => as.map((a) => a.getAttribute("href")!));
    expect(hrefs).toContain(`https://github.com/acme/payments/blob/${commit}/billing/config.env#L1`);
    expect(hrefs).toContain(pathToFileURL(path.join(ws, "app", "b.env")).href);
    expect(await page.textContent("body")).toContain("RSA private key, 2048 bits");
    const content = await page.content();
    for (const s of plain) expect(content.includes(s)).toBe(false);
    await page.screenshot({
      path: path.join(import.meta.dirname, "..", "docs", "report-scan.png"),
      fullPage: true,
    });
    expect(problems).toEqual([]);
    await page.close();
    await repo.remove();
  });
});
