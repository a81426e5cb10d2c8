/**
 * The Postgres connection: a pg Pool, a reachability check at open (one line, exit 2, when the
 * server is not there), migrations under an advisory lock, and transactions retried while the
 * connection is lost, so a sweep resumes when the server comes back instead of failing.
 */
import pg from "pg";
import { reasonOf } from "../../errors.js";
import { maskUrls } from "../../mask-url.js";
import { StoreError } from "../error.js";
import { PG_MIGRATIONS } from "./schema.js";

/** How long a transaction keeps retrying a lost connection before it fails. */
export const RETRY_MS = Number(process.env.RESIDUE_PG_RETRY_MS ?? 120_000);
/** The advisory lock key of migrations and run starts ("residue" in ASCII). */
const MIGRATE_LOCK = 0x72657369;

/** Error codes of a lost or refused connection, a restarting server, or a lost race. */
const TRANSIENT = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "57P01", "57P02", "57P03"]);

/** True when retrying the same transaction later may succeed. */
function transient(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? "";
  if (TRANSIENT.has(code) || code.startsWith("08") || code === "40001" || code === "40P01") return true;
  return /Connection terminated|timeout exceeded when trying to connect/i.test(reasonOf(err));
}

/** The URL with its password (only) masked: the user and database stay, to name the store. */
export function maskPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = "***";
    return u.toString();
  } catch {
    return maskUrls(url);
  }
}

/** Whether a store location names Postgres. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A pool that answers bigint counters as numbers. */
function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // an idle client whose server went away: the next query reconnects
  pool.on("error", () => {});
  return pool;
}

/** A Postgres connection with transactions that survive a lost connection. */
export class PgConnection {
  readonly location: string;
  private constructor(
    readonly pool: pg.Pool,
    url: string,
  ) {
    this.location = maskPassword(url);
  }

  /** Connects, checks the server answers and applies migrations; StoreError with one line. */
  static async open(url: string): Promise<PgConnection> {
    const conn = new PgConnection(createPool(url), url);
    try {
      await conn.pool.query("select 1");
    } catch (err) {
      await conn.pool.end().catch(() => {});
      throw new StoreError(
        `${conn.location}: cannot reach Postgres: ${reasonOf(err) || "connection refused"}`,
        {
          cause: err,
        },
      );
    }
    await conn.tx((c) => migrate(c, conn.location));
    return conn;
  }

  /** Runs `fn` in one transaction, again from the start while the connection is lost. */
  async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const deadline = Date.now() + RETRY_MS;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
      try {
        return await this.once(fn);
      } catch (err) {
        if (!transient(err) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** A query outside a transaction, retried like one. */
  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.tx(async (c) => (await c.query<R>(sql, params)).rows);
  }

  private async once<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("begin");
      const out = await fn(client);
      await client.query("commit");
      return out;
    } catch (err) {
      broken = transient(err);
      if (!broken) await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Applies the migrations the database does not have yet, under an advisory lock. */
async function migrate(c: pg.PoolClient, location: string): Promise<void> {
  await c.query("select pg_advisory_xact_lock($1)", [MIGRATE_LOCK]);
  await c.query("create table if not exists residue_schema (version integer not null)");
  const rows = (await c.query<{ version: number }>("select version from residue_schema")).rows;
  const current = rows[0]?.version ?? 0;
  if (current > PG_MIGRATIONS.length)
    throw new StoreError(
      `${location}: store schema version ${current} is newer than this residue knows (${PG_MIGRATIONS.length})`,
    );
  for (let v = current; v < PG_MIGRATIONS.length; v++) await c.query(PG_MIGRATIONS[v]!);
  if (current === 0) await c.query("insert into residue_schema values ($1)", [PG_MIGRATIONS.length]);
  else await c.query("update residue_schema set version = $1", [PG_MIGRATIONS.length]);
}

/** Serializes run starts across processes (shards joining one run). */
export const RUN_LOCK = MIGRATE_LOCK + 1;
/** The lock a sweep holds for its whole run on one store. */
export const SWEEP_LOCK = MIGRATE_LOCK + 2;
