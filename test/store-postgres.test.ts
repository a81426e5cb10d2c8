import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreError, type SweepStore } from "../src/store/index.js";
import { openSweepStore } from "../src/store/open.js";
import { parseSweepConfig } from "../src/sweep/config.js";
import { reportJson } from "../src/sweep/report.js";
import { runSweep } from "../src/sweep/run.js";
import type { Finding } from "../src/types.js";
import { cli } from "./helpers/cli.js";
import { fakeSecret, literalMatcher } from "./helpers/literal-matcher.js";
import { freePort, type Services, startServices } from "./helpers/services.js";
import { done, incidentCopies } from "./store-fixtures.js";

let svc: Services;
beforeAll(async () => {
  svc = await startServices();
}, 120_000);
afterAll(async () => svc?.stop());

/** The same three runs as store.test.ts, through the SweepStore interface. */
async function threeRuns(store: SweepStore, copies: Finding[]) {
  const r1 = await store.startRun("c.json");
  await store.saveSecrets(r1, [{ id: "ci-deploy-token", label: "CI deploy token", tier: "privileged" }]);
  await store.startTarget(r1, "T");
  await store.write(r1, { target: "T", findings: copies });
  await store.write(r1, { target: "T", findings: copies.slice(0, 1) });
  await store.finishTarget(r1, done("T"), [{ source: "T", item: "x", reason: "unreadable" }], { all: true });
  await store.finishRun(r1, "done");
  const r2 = await store.startRun("c.json");
  await store.startTarget(r2, "T");
  await store.write(r2, { target: "T", findings: copies.slice(0, 5) });
  const none = await store.finishTarget(r2, done("T"), [], { all: false, containers: [] });
  await store.finishRun(r2, "done");
  const r3 = await store.startRun();
  await store.startTarget(r3, "T");
  await store.write(r3, { target: "T", findings: copies.slice(0, 5) });
  const gone = await store.finishTarget(r3, done("T"), [], { all: true });
  await store.finishRun(r3, "done");
  return { runs: [r1.id, r2.id, r3.id], none, gone };
}

/** A report with its times blanked, to compare two stores. */
function timeless(json: string): unknown {
  return JSON.parse(
    json.replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"T"').replace(/"durationMs": \d+/g, '"durationMs": 0'),
  );
}

describe("Postgres store", () => {
  it("gives the same states and the same report as SQLite for the same writes", async () => {
    const pgStore = await openSweepStore(await svc.newDatabase());
    const lite = await openSweepStore(path.join(mkdtempSync(path.join(tmpdir(), "residue-pgcmp-")), "r.db"));
    try {
      const { copies } = incidentCopies();
      const a = await threeRuns(pgStore, copies);
      const b = await threeRuns(lite, copies);
      expect(a).toEqual(b);
      expect(a.none).toBe(0);
      expect(a.gone).toBe(2);
      expect(await pgStore.counts(a.runs[0]!)).toEqual({ new: 7, surviving: 0, gone: 0 });
      expect(await pgStore.counts(a.runs[1]!)).toEqual({ new: 0, surviving: 7, gone: 0 });
      expect(await pgStore.counts(a.runs[2]!)).toEqual({ new: 0, surviving: 5, gone: 2 });
      for (const run of a.runs) {
        const p = (await pgStore.report(run))!;
        const s = (await lite.report(run))!;
        expect(timeless(reportJson(p))).toEqual(timeless(reportJson(s)));
        const chart = (r: typeof p) => r.reader.history(run).map(({ startedAt: _t, ...h }) => h);
        expect(chart(p)).toEqual(chart(s));
      }
    } finally {
      await pgStore.close();
      await lite.close();
    }
  });

  it("advances a cursor only in the transaction of the findings before it", async () => {
    const store = await openSweepStore(await svc.newDatabase());
    try {
      const { copies } = incidentCopies();
      const r = await store.startRun();
      await store.startTarget(r, "slack:");
      await store.write(r, { target: "slack:", findings: copies.slice(0, 2), cursor: "1700000000.000100" });
      expect(await store.cursor("slack:")).toBe("1700000000.000100");
      // a batch that cannot be stored (a finding without a secret key) stores neither it nor its cursor
      const broken = { ...copies[3]!, secretKey: null as unknown as string };
      await expect(
        store.write(r, { target: "slack:", findings: [copies[2]!, broken], cursor: "1700000000.000900" }),
      ).rejects.toThrow();
      expect(await store.cursor("slack:")).toBe("1700000000.000100");
      expect(await store.counts(r.id)).toEqual({ new: 2, surviving: 0, gone: 0 });
    } finally {
      await store.close();
    }
  });

  it("two folder sweeps through `store:` in the config: new, then surviving and gone; report reads it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-pgsweep-"));
    const secret = fakeSecret();
    mkdirSync(path.join(dir, "tree"));
    writeFileSync(path.join(dir, "tree", "a.env"), `TOKEN=${secret}\n`);
    writeFileSync(path.join(dir, "tree", "b.log"), `x\ny ${secret}\n`);
    const url = await svc.newDatabase();
    const config = parseSweepConfig({ targets: ["tree"], store: url }, path.join(dir, "sweep.json"));
    const scanOptions = { matcher: literalMatcher({ "ci-token": secret }) };
    const first = await runSweep({ config, scanOptions });
    expect(first.counts).toEqual({ new: 2, surviving: 0, gone: 0 });
    rmSync(path.join(dir, "tree", "b.log"));
    const second = await runSweep({ config, scanOptions });
    expect(second.counts).toEqual({ new: 0, surviving: 1, gone: 1 });
    const r = await cli(["report", "--store", url, "-f", "json"]);
    expect(r.code).toBe(0);
    expect(r.out.includes(secret)).toBe(false);
    const doc = JSON.parse(r.out);
    expect(doc.run.id).toBe(second.run);
    expect(doc.findings.map((f: { state: string }) => f.state).sort()).toEqual(["gone", "surviving"]);
  });

  it("an unreachable Postgres is one line and exit status 2, with the password masked", async () => {
    const port = await freePort();
    const url = `postgres://scan:hunter2-not-real@127.0.0.1:${port}/residue`;
    await expect(openSweepStore(url)).rejects.toBeInstanceOf(StoreError);
    const dir = mkdtempSync(path.join(tmpdir(), "residue-pgdown-"));
    writeFileSync(path.join(dir, "sweep.json"), JSON.stringify({ targets: ["."] }));
    const r = await cli(["sweep", "-c", path.join(dir, "sweep.json"), "--store", url, "-q"]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/cannot reach Postgres/);
    expect(r.err.includes("hunter2-not-real")).toBe(false);
    const rep = await cli(["report", "--store", url]);
    expect(rep.code).toBe(2);
    expect(rep.err.trim().split("\n")).toHaveLength(1);
  });
});
