#!/usr/bin/env node
// Throughput of a queued sweep: the 40-target fleet (fixtures/sweep/fleet.mjs) swept through
// BullMQ by 1, 2 and 4 `residue worker` processes into a fresh Postgres database each time.
// Needs a Redis and a Postgres: RESIDUE_TEST_REDIS_URL and RESIDUE_TEST_PG_URL (as .ci/run sets).
// Usage: npm run build && node bench/queue.bench.mjs [REPOS=38] [WORKERS=1,2,4]
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { addToManifest } from "../dist/manifest/index.js";
import { writeFleet } from "../fixtures/sweep/fleet.mjs";

const redis = process.env.RESIDUE_TEST_REDIS_URL;
const base = process.env.RESIDUE_TEST_PG_URL;
if (!redis || !base) {
  console.error("set RESIDUE_TEST_REDIS_URL and RESIDUE_TEST_PG_URL (see .ci/services.sh)");
  process.exit(2);
}
const repos = Number(process.argv[2] ?? 38);
const counts = (process.argv[3] ?? "1,2,4").split(",").map(Number);
const bin = path.join(import.meta.dirname, "..", "bin", "residue.js");
const root = mkdtempSync(path.join(tmpdir(), "residue-qbench-"));
process.env.HOME = root; // the manifest's key lives here, for the workers too
const { targets, secrets } = writeFleet(root, repos);
const manifest = path.join(root, "m.json");
await addToManifest(
  manifest,
  Object.entries(secrets).map(([id, value]) => ({ id, value })),
  { env: process.env },
);
const config = path.join(root, "sweep.json");
writeFileSync(config, JSON.stringify({ manifests: ["m.json"], rules: "none", targets }));

async function database(name) {
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

for (const n of counts) {
  const store = await database(`residue_qbench_${n}`);
  const queue = `qbench${n}${Date.now()}`;
  const workers = Array.from({ length: n }, () =>
    spawn(
      process.execPath,
      [bin, "worker", "--queue", redis, "--queue-name", queue, "--workers", "0", "-q"],
      {
        stdio: "ignore",
      },
    ),
  );
  await new Promise((r) => setTimeout(r, 3000)); // the workers start
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, [
      bin,
      "sweep",
      "-c",
      config,
      "--store",
      store,
      "--queue",
      redis,
      "--queue-name",
      queue,
      "-q",
    ]);
  } catch (err) {
    if (err.status !== 1) throw err; // 1: new copies, as expected
  }
  const s = (performance.now() - t0) / 1000;
  for (const w of workers) w.kill("SIGTERM");
  console.log(
    `${n} worker(s): ${targets.length} targets in ${s.toFixed(1)} s = ${(targets.length / s).toFixed(2)} targets/s`,
  );
}
