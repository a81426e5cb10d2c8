/**
 * Real Redis and Postgres servers for the store and queue tests. `.ci/run` starts them and sets
 * RESIDUE_TEST_REDIS_URL / RESIDUE_TEST_PG_URL; without those, the servers are started here from
 * Debian's binaries (redis-server, /usr/lib/postgresql/N/bin) on free loopback ports in temp
 * folders, and a missing binary is a clear failure, never a skip. Each caller gets its own
 * Postgres database and its own queue name, so test files running side by side never meet.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The folder of PostgreSQL's server binaries, or a clear error. */
function pgBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => path.join(base, v, "bin")).find((d) => existsSync(path.join(d, "initdb")));
  if (!bin)
    throw new Error(
      "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, or set RESIDUE_TEST_PG_URL",
    );
  return bin;
}

/** Runs a PostgreSQL binary, as the postgres user when we are root (it refuses to run as root). */
function asPostgres(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  execFileSync(root ? "runuser" : cmd, root ? ["-u", "postgres", "--", cmd, ...args] : args, {
    stdio: "pipe",
  });
}

/** A running Postgres server: its base URL (no database) and its stop. */
async function startPostgres(): Promise<{ base: string; stop: () => void }> {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(tmpdir(), "residue-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  asPostgres(path.join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "residue",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "start"]);
  const stop = () => {
    try {
      asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { base: `postgres://residue@127.0.0.1:${port}`, stop };
}

/** A running redis-server on a free loopback port. */
async function startRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "residue-redis-"));
  let child: ChildProcess;
  try {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir],
      {
        stdio: "ignore",
      },
    );
  } catch (err) {
    throw new Error(
      `redis-server cannot start (apt-get install redis-server, or set RESIDUE_TEST_REDIS_URL): ${err}`,
    );
  }
  const failed = new Promise<never>((_, reject) =>
    child.once("error", (e) => reject(new Error(`redis-server cannot start: ${e.message}`))),
  );
  const url = `redis://127.0.0.1:${port}`;
  const { Redis } = await import("ioredis");
  for (let i = 0; ; i++) {
    const c = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    c.on("error", () => {});
    const ok = await Promise.race([c.connect().then(() => c.ping()), failed]).catch((e) => {
      if (i > 100 || !(e instanceof Error && /ECONNREFUSED|closed/i.test(e.message))) throw e;
      return undefined;
    });
    c.disconnect();
    if (ok) break;
    await sleep(100);
  }
  return {
    url,
    stop: () => {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Servers for one test file. */
export interface Services {
  redisUrl: string;
  /** A fresh database for this file. */
  pgUrl: string;
  /** Another fresh database on the same server. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts (or finds through the environment) Redis and Postgres for one test file. */
export async function startServices(): Promise<Services> {
  const stops: (() => void | Promise<void>)[] = [];
  let base = process.env.RESIDUE_TEST_PG_URL;
  if (!base) {
    const p = await startPostgres();
    stops.push(p.stop);
    base = p.base;
  }
  let redisUrl = process.env.RESIDUE_TEST_REDIS_URL;
  if (!redisUrl) {
    const r = await startRedis();
    stops.push(r.stop);
    redisUrl = r.url;
  }
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const created: string[] = [];
  const newDatabase = async () => {
    const name = `residue_t${process.pid}_${created.length}_${Date.now() % 100000}`;
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    created.push(name);
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    redisUrl,
    pgUrl: await newDatabase(),
    newDatabase,
    stop: async () => {
      if (process.env.RESIDUE_TEST_PG_URL) {
        const c = new pg.Client({ connectionString: admin.toString() });
        await c.connect();
        for (const name of created) await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      }
      for (const stop of stops.reverse()) await stop();
    },
  };
}
