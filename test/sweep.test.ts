import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import type { ScanOptions, ScanRun, TargetStats } from "../src/scan.js";
import { openStore } from "../src/store/index.js";
import { parseSweepConfig, resolveSweepTarget } from "../src/sweep/config.js";
import { hasSince, withSince } from "../src/sweep/cursor.js";
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
        targets: ["logs:ci", { target: "slack:?channel=deploys", options: { since: "1700000000.0" } }],
        db: "db/r.db",
      },
      "/srv/residue/sweep.json",
    );
    expect(c.manifests).toEqual(["/srv/residue/m.json"]);
    expect(c.db).toBe("/srv/residue/db/r.db");
    expect(c.targets.map((t) => [t.key, t.target])).toEqual([
      ["logs:ci", "logs:/srv/residue/ci"],
      ["slack:?channel=deploys", "slack:?channel=deploys"],
    ]);
    expect(c.failOn).toBe("new");
  });

  it.each([
    ["-", "-"],
    ["git:https://example.invalid/r.git", "git:https://example.invalid/r.git"],
    ["jira:https://example.invalid", "jira:https://example.invalid"],
    ["git:repo", "git:/d/repo"],
    ["./x", "/d/x"],
  ])("resolves target %#", (target, want) => {
    expect(resolveSweepTarget("/d", target)).toBe(want);
  });
});

describe("cursors passed back to sources", () => {
  it.each([
    ["slack:", "slack:?since=2026-11-01T00%3A00%3A00.000Z"],
    ["slack:?channels=deploys", "slack:?since=2026-11-01T00%3A00%3A00.000Z&channels=deploys"],
    ["slack:?since=1&types=im", "slack:?since=2026-11-01T00%3A00%3A00.000Z&types=im"],
    [
      "jira:https://x.invalid?jql=project%3DOPS",
      "jira:https://x.invalid?since=2026-11-01T00%3A00%3A00.000Z&jql=project%3DOPS",
    ],
    ["slack-export:/e/x.zip", "slack-export:/e/x.zip?since=2026-11-01T00%3A00%3A00.000Z"],
    [
      "jira-export:/e/a?b?site=https://x",
      "jira-export:/e/a?b?since=2026-11-01T00%3A00%3A00.000Z&site=https%3A%2F%2Fx",
    ],
    ["git:/r", "git:/r"],
    ["/srv/files", "/srv/files"],
  ])("sets since= in target %#", (target, want) => {
    expect(withSince(target, "2026-11-01T00:00:00.000Z")).toBe(want);
  });

  it("treats a target with since= as incremental", () => {
    expect(hasSince("slack:?since=2026-01-01")).toBe(true);
    expect(hasSince("slack:?channels=a")).toBe(false);
    expect(hasSince("/srv/since=x")).toBe(false);
  });

  it("stores the cursor a source reports and hands it back next run", async () => {
    const dir = tempDir();
    const seen: string[] = [];
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
        stats: { items: 0, bytes: 0, skipped: 0, findings: 0, errors: 0, durationMs: 0 },
        targets: [t],
        meta: async () => ({}) as never,
        async *[Symbol.asyncIterator]() {
          (o.onCursor as (v: string, target: string) => void)(
            `2026-11-0${seen.length}T00:00:00.000Z`,
            o.targets[0]!,
          );
          t.status = "done";
          yield* [];
        },
      } as ScanRun;
    }) as (o: ScanOptions) => ScanRun;
    const config = parseSweepConfig({ targets: ["slack:?channels=deploys"] }, path.join(dir, "c.json"));
    await runSweep({ config, db: path.join(dir, "r.db"), scan: fake });
    await runSweep({ config, db: path.join(dir, "r.db"), scan: fake });
    expect(seen).toEqual([
      "slack:?channels=deploys",
      "slack:?since=2026-11-01T00%3A00%3A00.000Z&channels=deploys",
    ]);
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
