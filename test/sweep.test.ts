import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import type { ScanOptions, ScanRun, TargetStats } from "../src/scan.js";
import { absoluteTarget } from "../src/sources/target.js";
import { openStore } from "../src/store/index.js";
import { parseSweepConfig } from "../src/sweep/config.js";
import { isBounded } from "../src/sweep/cursor.js";
import { runSweep, sweepStatus } from "../src/sweep/run.js";
import { fakeSecret, literalMatcher } from "./helpers/literal-matcher.js";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "residue-sweep-"));

async function states(db: string, run?: number) {
  const store = await openStore(db);
  try {
    const r = store.reader.run(run)!;
    return store.reader
      .copies(r.id)
      .map((c) => ({ path: path.basename(String(c.location.path)), state: c.state }))
      .sort((x, y) => x.path.localeCompare(y.path));
  } finally {
    store.close();
  }
}

describe("two sweeps over a folder", () => {
  it("reports both copies new, then one surviving and one gone after a deletion", async () => {
    const dir = tempDir();
    const secret = fakeSecret();
    writeFileSync(path.join(dir, "a.env"), `TOKEN=${secret}\n`);
    writeFileSync(path.join(dir, "b.log"), `auth ${secret} ok\n`);
    const config = parseSweepConfig({ targets: [dir], db: "store.db" }, path.join(dir, "..", "x.json"));
    const db = path.join(dir, "..", `${path.basename(dir)}.db`);
    const scanOptions = { matcher: literalMatcher({ "deploy-key": secret }) };
    const first = await runSweep({ config, db, scanOptions });
    expect(await states(db)).toEqual([
      { path: "a.env", state: "new" },
      { path: "b.log", state: "new" },
    ]);
    expect(sweepStatus(first, "new")).toBe(1);
    rmSync(path.join(dir, "b.log"));
    const second = await runSweep({ config, db, scanOptions });
    expect(await states(db)).toEqual([
      { path: "a.env", state: "surviving" },
      { path: "b.log", state: "gone" },
    ]);
    expect(second.counts).toEqual({ new: 0, surviving: 1, gone: 1 });
    expect(sweepStatus(second, "new")).toBe(0);
    expect(sweepStatus(second, "any")).toBe(1);
    const third = await runSweep({ config, db, scanOptions });
    expect(third.counts).toEqual({ new: 0, surviving: 1, gone: 0 });
  });

  it("declares nothing gone when a target could not be read in full", async () => {
    const dir = tempDir();
    const secret = fakeSecret();
    writeFileSync(path.join(dir, "a.env"), `TOKEN=${secret}\n`);
    const db = path.join(dir, "s.db");
    const config = parseSweepConfig({ targets: [path.join(dir, "a.env")] }, path.join(dir, "c.json"));
    const scanOptions = { matcher: literalMatcher({ k: secret }) };
    await runSweep({ config, db, scanOptions });
    rmSync(path.join(dir, "a.env"));
    const second = await runSweep({ config, db, scanOptions });
    expect(second.targets[0]!.status).not.toBe("done");
    expect(second.counts).toEqual({ new: 0, surviving: 1, gone: 0 }); // carried, not declared gone
    expect(sweepStatus(second, "new")).toBe(3);
  });
});

describe("sweep config", () => {
  it("names the config path of a fault", () => {
    expect(() => parseSweepConfig({ targets: ["a", { target: "b", options: 3 }] }, "c.json")).toThrow(
      /c\.json: targets\[1\]/,
    );
    expect(() => parseSweepConfig({ targets: [] }, "c.json")).toThrow(/targets: /);
    expect(() => parseSweepConfig({ targets: ["a"], failOn: "often" }, "c.json")).toThrow(/failOn: /);
    expect(() => parseSweepConfig({ targets: ["a"], tragets: [] }, "c.json")).toThrow(/tragets: unknown key/);
    expect(() => parseSweepConfig({ targets: ["a"] }, "c.json")).not.toThrow();
    expect(() => parseSweepConfig([], "c.json")).toThrow(ConfigError);
  });

  it("resolves paths against the config file and keeps the target as written as its key", () => {
    const c = parseSweepConfig(
      {
        $schema: "./node_modules/residue/schema/residue.sweep.schema.json",
        manifests: ["m.json"],
        rules: ["aws"],
        targets: [
          "logs:ci",
          { target: "git:repo", options: { since: "2024-01-01" } },
          "slack:?channels=deploys",
        ],
        db: "db/r.db",
      },
      "/srv/residue/sweep.json",
    );
    expect(c.manifests).toEqual(["/srv/residue/m.json"]);
    expect(c.db).toBe("/srv/residue/db/r.db");
    expect(c.targets.map((t) => [t.key, t.target])).toEqual([
      ["logs:ci", "logs:/srv/residue/ci"],
      ["git:repo", "git:/srv/residue/repo"],
      ["slack:?channels=deploys", "slack:?channels=deploys"],
    ]);
    expect(c.targets[1]!.options).toEqual({ since: "2024-01-01" });
    expect(c.failOn).toBe("new");
  });

  it("refuses an option the target's source does not take, and a bad query", () => {
    const bad = (t: unknown) => () => parseSweepConfig({ targets: [t] }, "c.json");
    expect(bad({ target: "slack:", options: { range: "a..b" } })).toThrow(
      "c.json: targets[0].options.range: does not apply to slack: targets",
    );
    expect(bad("slack:?channel=x")).toThrow(
      'c.json: targets[0]: slack:?channel=x: unknown parameter "channel"',
    );
    expect(bad({ target: "a", options: { bogus: 1 } })).toThrow(/targets\[0\]\.options\.bogus: unknown key/);
  });

  it.each([
    ["-", "-"],
    ["git:https://example.invalid/r.git", "git:https://example.invalid/r.git"],
    ["jira:https://example.invalid", "jira:https://example.invalid"],
    ["git:repo", "git:/d/repo"],
    ["./x", "/d/x"],
    ["slack-export:e.zip?since=2024-01-01", "slack-export:/d/e.zip?since=2024-01-01"],
  ])("resolves target %#", (target, want) => {
    expect(absoluteTarget("/d", target)).toBe(want);
  });
});

describe("resume points", () => {
  it.each([
    ["slack:?since=2026-01-01", {}, true],
    ["slack:?channels=a", {}, false],
    ["/srv/since=x", {}, false],
    ["git:/r", { since: "2024-01-01" }, true],
    ["git:/r", { range: "a..b" }, true],
  ])("tells a date-bounded read, target %#", (target, options, want) => {
    expect(isBounded(target, options)).toBe(want);
  });

  it("stores the cursor a source reports and hands it back next run", async () => {
    const dir = tempDir();
    const seen: string[] = [];
    const starts: (string | undefined)[] = [];
    const fake = ((o: ScanOptions) => {
      seen.push(o.targets[0]!);
      const t: TargetStats = {
        target: o.targets[0]!,
        status: "running",
        items: 0,
        bytes: 0,
        skipped: 0,
        findings: 0,
        errors: 0,
      };
      return {
        errors: [],
        notices: [],
        stats: { items: 0, bytes: 0, skipped: 0, skippedBy: {}, findings: 0, errors: 0, durationMs: 0 },
        targets: [t],
        meta: async () => ({}) as never,
        async *[Symbol.asyncIterator]() {
          starts.push(o.resume?.start);
          o.resume?.advance(`2026-11-0${seen.length}T00:00:00.000Z`, o.targets[0]!);
          t.status = "done";
          yield* [];
        },
      } as ScanRun;
    }) as (o: ScanOptions) => ScanRun;
    const config = parseSweepConfig({ targets: ["slack:?channels=deploys"] }, path.join(dir, "c.json"));
    await runSweep({ config, db: path.join(dir, "r.db"), scan: fake });
    await runSweep({ config, db: path.join(dir, "r.db"), scan: fake });
    expect(seen).toEqual(["slack:?channels=deploys", "slack:?channels=deploys"]);
    expect(starts).toEqual([undefined, "2026-11-01T00:00:00.000Z"]);
  });
});

describe("an interrupted sweep", () => {
  it("finishes nothing, declares nothing gone, and the next sweep resumes the run", async () => {
    const dir = tempDir();
    const secret = fakeSecret();
    writeFileSync(path.join(dir, "a.env"), `TOKEN=${secret}\n`);
    writeFileSync(path.join(dir, "b.env"), `TOKEN=${secret}\n`);
    const db = path.join(dir, "r.db");
    const config = parseSweepConfig({ targets: ["a.env", "b.env"] }, path.join(dir, "c.json"));
    const scanOptions = { matcher: literalMatcher({ k: secret }) };
    const ac = new AbortController();
    const first = await runSweep({
      config,
      db,
      scanOptions,
      signal: ac.signal,
      onProgress: () => ac.abort(),
    });
    expect(first.interrupted).toBe(true);
    expect(sweepStatus(first, "never")).toBe(3);
    expect(first.targets.map((t) => t.status)).toEqual(["partial"]);
    const second = await runSweep({ config, db, scanOptions });
    expect(second).toMatchObject({ run: first.run, resumed: true, interrupted: false });
    expect(second.counts).toEqual({ new: 2, surviving: 0, gone: 0 });
  });
});
