/**
 * The scale-out suite over a generated fleet (fixtures/sweep/fleet.mjs: git repositories, a Slack
 * export, a Jira export) with a real Redis and a real Postgres (helpers/services.ts): worker
 * processes through the queue give the same store as one in-process sweep, on the first sweep and
 * on a second one that finds a purged copy gone; `--shard i/n` slices together give the whole;
 * a worker killed with SIGKILL in the middle of a job loses nothing. Run small in `npm test`
 * (test/sweep-queue.test.ts) and at 40 targets in `npm run test:scale`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFleet, writeRepo } from "../../fixtures/sweep/fleet.mjs";
import { addToManifest } from "../../src/manifest/index.js";
import { cli } from "./cli.js";
import { freePort, type Services, startServices } from "./services.js";

const BIN = path.join(import.meta.dirname, "..", "..", "bin", "residue.js");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Sweeps of a whole fleet on a loaded two-core machine take minutes, not seconds. */
const SLOW = 600_000;

/** What two stores must agree on: every copy's state and runs, each run's sightings and targets. */
async function snapshot(url: string, counters = true) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql)).rows;
    return {
      runs: await q("select id, status from runs order by id"),
      findings: await q(
        `select id, secret_key, target, container, state, first_run, last_run, gone_run from findings order by id`,
      ),
      sightings: await q("select run_id, finding_id, state from sightings order by run_id, finding_id"),
      errors: await q("select run_id, target, item, reason from run_errors order by run_id, target, item"),
      targets: await q(
        `select run_id, target, status${counters ? ", items::int, findings::int, errors::int" : ""} from run_targets order by run_id, target`,
      ),
    };
  } finally {
    await c.end();
  }
}

/** Committed copies in a store. */
async function committed(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query("select count(*)::int as n from findings")).rows[0].n;
  } finally {
    await c.end();
  }
}

/** A `residue worker` process; counts the jobs it started and ended. */
function worker(redis: string, queue: string, ...extra: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, "worker", "--queue", redis, "--queue-name", queue, "--lock-ms", "5000", "--workers", "0", ...extra],
    { env: process.env, stdio: ["ignore", "ignore", "pipe"] },
  );
  const seen = { started: 0, ended: 0, ready: false };
  child.stderr!.on("data", (d: Buffer) => {
    for (const line of d.toString().split("\n")) {
      if (line.startsWith("worker: waiting")) seen.ready = true;
      else if (line.endsWith(": started")) seen.started++;
      else if (line.startsWith("worker: ")) seen.ended++;
    }
  });
  return {
    seen,
    /** True while a job is in its hands. */
    busy: () => seen.started > seen.ended,
    ready: async () => {
      while (!seen.ready) await sleep(50);
    },
    kill: (signal: NodeJS.Signals) => child.kill(signal),
  };
}

/** The suite over a fleet of `repos` repositories plus a Slack and a Jira export. */
export function fleetSuite(opts: { repos: number; killAfter: number[] }): void {
  let svc: Services;
  let root: string;
  let config: string;
  const env = () => ({ ...process.env });
  const sweep = (store: string, ...extra: string[]) =>
    cli(["sweep", "-c", config, "--store", store, "--workers", "0", "-q", ...extra], { env: env() });
  // two workers for the whole file, on a queue of its own; the kill test replaces the one it kills
  const queue = `q${process.pid}${Date.now() % 100000}`;
  const spawned: ReturnType<typeof worker>[] = [];
  const ws: ReturnType<typeof worker>[] = [];
  const spawnWorker = () => {
    const w = worker(svc.redisUrl, queue);
    spawned.push(w);
    return w;
  };
  const queued = async (store: string) => {
    await Promise.all(ws.map((w) => w.ready()));
    return sweep(store, "--queue", svc.redisUrl, "--queue-name", queue);
  };

  beforeAll(async () => {
    svc = await startServices();
    root = mkdtempSync(path.join(tmpdir(), "residue-fleet-"));
    const { targets, secrets } = writeFleet(root, opts.repos);
    const manifest = path.join(root, "m.json");
    await addToManifest(
      manifest,
      Object.entries(secrets).map(([id, value]) => ({ id, value })),
      { env: process.env },
    );
    config = path.join(root, "sweep.json");
    writeFileSync(config, JSON.stringify({ manifests: ["m.json"], rules: "none", targets }));
    ws.push(spawnWorker(), spawnWorker());
  }, 180_000);
  afterAll(async () => {
    for (const w of spawned) w.kill("SIGKILL");
    await svc?.stop();
  });

  describe(`a fleet of ${opts.repos + 2} targets`, () => {
    it(
      "two worker processes give the same store as one in-process sweep, twice; a purged copy is gone",
      async () => {
        const alone = await svc.newDatabase();
        const spread = await svc.newDatabase();
        expect((await sweep(alone)).code).toBe(1); // new copies
        const r1 = await queued(spread);
        expect(r1.code, r1.err).toBe(1);
        const first = await snapshot(alone);
        expect(first.findings).toHaveLength(2 * opts.repos + 12);
        expect(first.findings.every((f) => f.state === "new")).toBe(true);
        expect(await snapshot(spread)).toEqual(first);
        expect(ws.every((w) => w.seen.ended > 0)).toBe(true); // both workers took shards
        // the second copy of repository 1 is purged from its history
        writeRepo(root, 1, true);
        expect((await sweep(alone)).code).toBe(0);
        const r2 = await queued(spread);
        expect(r2.code, r2.err).toBe(0);
        const second = await snapshot(alone);
        expect(await snapshot(spread)).toEqual(second);
        const states = second.sightings.filter((s) => s.run_id === 2).map((s) => s.state);
        expect(states.filter((s) => s === "gone")).toHaveLength(1);
        expect(states.filter((s) => s === "surviving")).toHaveLength(2 * opts.repos + 11);
      },
      SLOW,
    );

    it(
      "--shard 0/3, 1/3 and 2/3, run side by side, together equal the whole",
      async () => {
        const whole = await svc.newDatabase();
        const parts = await svc.newDatabase();
        await sweep(whole);
        await Promise.all(["0/3", "1/3", "2/3"].map((s) => sweep(parts, "--shard", s)));
        expect(await snapshot(parts)).toEqual(await snapshot(whole));
      },
      SLOW,
    );

    it(
      "a shard that keeps failing ends as an error item after 3 attempts; the sweep exits 3",
      async () => {
        const store = await svc.newDatabase();
        const one = path.join(root, "one.json");
        const target = `git:${path.join(root, "repo-00.git")}`;
        writeFileSync(one, JSON.stringify({ manifests: ["m.json"], rules: "none", targets: [target] }));
        // this worker writes to a store that is not there: every attempt fails
        const dead = `postgres://residue@127.0.0.1:${await freePort()}/none`;
        const q = `qfail${process.pid}`;
        const w = worker(svc.redisUrl, q, "--store", dead);
        spawned.push(w);
        await w.ready();
        const r = await cli(
          ["sweep", "-c", one, "--store", store, "--queue", svc.redisUrl, "--queue-name", q],
          {
            env: env(),
          },
        );
        expect(r.code, r.err).toBe(3);
        expect(r.err).toMatch(/failed after 3 attempts: .*cannot reach Postgres/);
        expect((await snapshot(store)).targets).toEqual([
          { run_id: 1, target, status: "failed", items: 0, findings: 0, errors: 1 },
        ]);
        w.kill("SIGTERM");
      },
      SLOW,
    );

    it(
      "a Redis that does not answer is one line and exit status 2, for the sweep and a worker",
      async () => {
        const url = `redis://127.0.0.1:${await freePort()}`;
        for (const argv of [
          ["sweep", "-c", config, "--queue", url, "-q"],
          ["worker", "--queue", url],
        ]) {
          const r = await cli(argv, { env: env() });
          expect(r.code).toBe(2);
          expect(r.err.trim().split("\n")).toHaveLength(1);
          expect(r.err).toMatch(/cannot reach Redis/);
        }
      },
      SLOW,
    );

    for (const k of opts.killAfter)
      it(
        `a worker killed with SIGKILL mid-job after ${k} committed copies: the store equals an uninterrupted run`,
        async () => {
          const clean = await svc.newDatabase();
          const killed = await svc.newDatabase();
          await sweep(clean);
          const [victim, other] = ws;
          const done = queued(killed);
          let finished = false;
          void done.then(() => (finished = true));
          while (!finished && !(victim!.busy() && (await committed(killed)) >= k)) await sleep(20);
          expect(finished, "the sweep ended before the worker was caught mid-job").toBe(false);
          victim!.kill("SIGKILL");
          const r = await done;
          ws[0] = spawnWorker(); // for the next test
          expect(r.code, r.err).toBe(1);
          // the copies and states; the counters of a resumed export count only what the retry read
          expect(await snapshot(killed, false)).toEqual(await snapshot(clean, false));
          expect(other!.seen.ended).toBeGreaterThan(0);
        },
        SLOW,
      );
  });
}
