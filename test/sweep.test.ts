import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { openStore } from "../src/store/index.js";
import { parseSweepConfig, resolveSweepTarget } from "../src/sweep/config.js";
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
    expect(second.counts.gone).toBe(0);
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
