import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addToManifest } from "../src/manifest/index.js";
import { fakeSecret } from "./helpers/literal-matcher.js";

const root = path.join(import.meta.dirname, "..");
const child = path.join(root, "fixtures", "sweep", "crash-child.mjs");
const secret = fakeSecret();

/** Builds dist/ when it is missing or older than src/ (the child runs the built code). */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
      ),
    );
  const built = path.join(root, "dist", "sweep", "run.js");
  if (existsSync(built) && statSync(built).mtimeMs >= newest(path.join(root, "src"))) return;
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
    },
  );
}

/** Runs the child to the end; resolves to its counts. */
function sweep(db: string, mode: string, target: string): { new: number; surviving: number; gone: number } {
  const out = execFileSync(process.execPath, [child, db, mode, target], {
    env: { ...process.env, FAKE_SECRET: secret },
  });
  return JSON.parse(out.toString());
}

/**
 * Runs read-only queries on the store in a child process. The test process never loads
 * better-sqlite3: on Node 24 a Database it held is destroyed after the environment at exit,
 * which aborts the process (RemoveEnvironmentCleanupHook), whatever was closed.
 */
function query(db: string, sql: string[]): unknown[] {
  const script = `const D = require("better-sqlite3");
const c = new D(process.argv[1], { readonly: true, fileMustExist: true });
const out = JSON.parse(process.argv[2]).map((q) => { const s = c.prepare(q); return s.reader ? s.raw().all() : null; });
c.close();
process.stdout.write(JSON.stringify(out));`;
  const out = execFileSync(process.execPath, ["-e", script, db, JSON.stringify(sql)], { cwd: root });
  return JSON.parse(out.toString()) as unknown[];
}

/** Starts a slowed child and SIGKILLs it once the count `sql` gives is above 0. */
async function killMidRun(db: string, mode: string, target: string, sql: string) {
  const proc = spawn(process.execPath, [child, db, mode, target, "15"], {
    env: { ...process.env, FAKE_SECRET: secret },
    stdio: "ignore",
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on("exit", (_c, sig) => resolve(sig)));
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(db)) continue;
    try {
      const [rows] = query(db, [sql]) as [[number][]];
      if ((rows[0]?.[0] ?? 0) > 0) break;
    } catch {
      // the schema is not there yet
    }
  }
  proc.kill("SIGKILL");
  return exited;
}

const rows = (db: string) => {
  const [sightings, cursor] = query(db, [
    "select finding_id, state from sightings order by finding_id",
    "select value from cursors",
  ]) as [[string, string][], [string][]];
  return {
    sightings: sightings.map(([finding_id, state]) => ({ finding_id, state })),
    cursor: cursor[0]?.[0],
  };
};

describe("a sweep killed with SIGKILL", () => {
  beforeAll(ensureBuilt, 180_000);

  it("resumes to the same findings as an uninterrupted run (folder target)", async () => {
    const base = mkdtempSync(path.join(tmpdir(), "residue-crash-"));
    const dir = path.join(base, "tree");
    for (let i = 0; i < 200; i++) {
      mkdirSync(path.join(dir, `d${i % 10}`), { recursive: true });
      writeFileSync(path.join(dir, `d${i % 10}`, `f${i}.env`), `# file ${i}\nKEY=${secret}\n`);
    }
    const clean = path.join(base, "clean.db");
    expect(sweep(clean, "fs", dir)).toEqual({ new: 200, surviving: 0, gone: 0 });
    const crashed = path.join(base, "crashed.db");
    const sig = await killMidRun(crashed, "fs", dir, "select count(*) from sightings where run_id = 1");
    expect(sig).toBe("SIGKILL");
    const partial = rows(crashed).sightings.length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(200);
    expect(sweep(crashed, "fs", dir)).toEqual({ new: 200, surviving: 0, gone: 0 });
    expect(rows(crashed).sightings).toEqual(rows(clean).sightings);
  });

  it("resumes an incremental target from its cursor with no gap and no duplicate", async () => {
    const base = mkdtempSync(path.join(tmpdir(), "residue-crash-"));
    const clean = path.join(base, "clean.db");
    sweep(clean, "cursor", "slack:120");
    const crashed = path.join(base, "crashed.db");
    await killMidRun(crashed, "cursor", "slack:120", "select count(*) from cursors");
    const at = Number(rows(crashed).cursor);
    const stored = rows(crashed).sightings.length;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(120);
    expect(stored).toBeGreaterThanOrEqual(at); // the cursor never runs ahead of the findings stored
    expect(sweep(crashed, "cursor", "slack:120")).toEqual({ new: 120, surviving: 0, gone: 0 });
    expect(rows(crashed)).toEqual(rows(clean));
    expect(rows(clean).cursor).toBe("120");
  });

  it("via the CLI with a manifest: killed while a target streams, the rerun equals an uninterrupted run", async () => {
    const base = mkdtempSync(path.join(tmpdir(), "residue-crash-"));
    const value = fakeSecret("fake_cli_", 32);
    await addToManifest(path.join(base, "m.json"), [{ id: "ci-token", value }], { env: {} });
    writeFileSync(path.join(base, "sweep.json"), JSON.stringify({ manifests: ["m.json"], targets: ["-"] }));
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++)
      lines.push(i % 50 === 0 ? `step ${i} token=${value}` : `step ${i} ${"lorem ipsum ".repeat(8)}`);
    const payload = `${lines.join("\n")}\n`;
    const bin = path.join(root, "bin", "residue.js");
    const sweepCli = (db: string) =>
      spawnSync(process.execPath, [bin, "sweep", "-c", "sweep.json", "--db", db, "-q"], {
        cwd: base,
        input: payload,
      });
    expect(sweepCli("clean.db").status).toBe(1);
    const crashed = path.join(base, "crashed.db");
    // the source streams standard input and waits for its end: it is killed mid-target
    const proc = spawn(process.execPath, [bin, "sweep", "-c", "sweep.json", "--db", crashed, "-q"], {
      cwd: base,
      stdio: ["pipe", "ignore", "ignore"],
    });
    const exited = new Promise((resolve) => proc.on("exit", (_c, sig) => resolve(sig)));
    proc.stdin.on("error", () => {}); // the kill may cut the write short (EPIPE)
    proc.stdin.write(payload.slice(0, 3_500_000));
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      if (!existsSync(crashed)) continue;
      try {
        const [found] = query(crashed, ["select count(*) from sightings"]) as [[number][]];
        if ((found[0]?.[0] ?? 0) > 0) break;
      } catch {
        // the schema is not there yet
      }
    }
    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const partial = rows(crashed).sightings.length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(800);
    expect(sweepCli(crashed).status).toBe(1);
    expect(rows(crashed)).toEqual(rows(path.join(base, "clean.db")));
    expect(rows(crashed).sightings).toHaveLength(800);
  });
});
