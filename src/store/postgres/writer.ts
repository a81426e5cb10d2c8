/**
 * Writes of a sweep into Postgres, the same statements as the SQLite writer (../writer.ts): each
 * batch of findings and the cursor it reaches is one transaction; a batch is one multi-row upsert
 * (unnest of arrays) and one statement for its sightings, two round trips whatever its size.
 */
import type pg from "pg";
import { containerKey } from "../../findings.js";
import { findingJson } from "../../reporters/serialize.js";
import { systemLabel, systemOf } from "../../reporters/systems.js";
import type { TargetStats } from "../../scan.js";
import type { ScanError } from "../../types.js";
import type { Batch, GoneScope, RunHandle } from "../writer.js";
import { type PgConnection, RUN_LOCK } from "./pool.js";

const now = () => new Date().toISOString();

const UPSERT = `
  insert into findings (id, secret_key, target, container, source, system, json,
                        first_run, first_seen, last_run, last_seen, state)
  select u.id, u.sk, $8, u.container, u.source, u.system, u.json, $9, $10, $9, $10, 'new'
  from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
    as u(id, sk, container, source, system, json, ord) order by u.ord
  on conflict (id) do update set
    target = excluded.target, container = excluded.container, system = excluded.system,
    json = excluded.json, last_run = excluded.last_run, last_seen = excluded.last_seen, gone_run = null,
    state = case when findings.first_run = excluded.last_run then 'new' else 'surviving' end`;

const SIGHT = `
  insert into sightings (run_id, finding_id, state, seen_at)
  select $1, id, state, last_seen from findings where id = any($2::text[])
  on conflict (run_id, finding_id) do update set state = excluded.state, seen_at = excluded.seen_at`;

/** Starts a run, or resumes the latest one when it has not ended (serialized across processes). */
export function startRun(conn: PgConnection, config?: string): Promise<RunHandle> {
  return conn.tx(async (c) => {
    await c.query("select pg_advisory_xact_lock($1)", [RUN_LOCK]);
    const last = (await c.query("select id, ended_at from runs order by id desc limit 1")).rows[0] as
      | { id: number; ended_at: string | null }
      | undefined;
    if (last && last.ended_at === null) {
      const rows = await c.query(
        "select target from run_targets where run_id = $1 and status = 'done' and ended_at is not null",
        [last.id],
      );
      return { id: last.id, resumed: true, done: new Set(rows.rows.map((r) => r.target as string)) };
    }
    const r = await c.query("insert into runs (started_at, config) values ($1, $2) returning id", [
      now(),
      config ?? null,
    ]);
    return { id: r.rows[0].id as number, resumed: false, done: new Set<string>() };
  });
}

/** Records that a target started (again) in this run. */
export function startTarget(conn: PgConnection, run: RunHandle, target: string): Promise<void> {
  return conn.tx(async (c) => {
    await c.query("delete from run_errors where run_id = $1 and target = $2", [run.id, target]);
    await c.query(
      `insert into run_targets (run_id, target, status, started_at) values ($1, $2, 'running', $3)
       on conflict (run_id, target) do update set status = 'running', started_at = excluded.started_at,
       ended_at = null`,
      [run.id, target, now()],
    );
  });
}

/** Stores a batch of findings and the cursor they reach, in one transaction. */
export function write(conn: PgConnection, run: RunHandle, batch: Batch): Promise<void> {
  // one row per id (a later copy of the same id wins, as with one upsert per finding)
  const byId = new Map(batch.findings.map((f) => [f.id, f]));
  const cols: string[][] = [[], [], [], [], [], []];
  const ord: number[] = [];
  for (const f of byId.values()) {
    const json = findingJson(f, true);
    const row = [
      f.id,
      f.secretKey,
      containerKey(f.provenance),
      f.provenance.source,
      systemLabel(systemOf(json, batch.target)),
      JSON.stringify(json),
    ];
    for (const [i, v] of row.entries()) cols[i]!.push(v);
    ord.push(ord.length);
  }
  const at = now();
  return conn.tx(async (c) => {
    if (ord.length) {
      await c.query(UPSERT, [...cols, ord, batch.target, run.id, at]);
      await c.query(SIGHT, [run.id, cols[0]]);
    }
    if (batch.cursor !== undefined)
      await c.query(
        `insert into cursors (target, value, run_id, updated_at) values ($1, $2, $3, $4)
         on conflict (target) do update set value = excluded.value, run_id = excluded.run_id,
         updated_at = excluded.updated_at`,
        [batch.target, batch.cursor, run.id, at],
      );
  });
}

/** Ends a target: counters, errors and (when it was fully read) the copies now gone. */
export function finishTarget(
  conn: PgConnection,
  run: RunHandle,
  t: TargetStats,
  errors: ScanError[],
  gone?: GoneScope,
): Promise<number> {
  const at = now();
  return conn.tx(async (c) => {
    await c.query(
      `update run_targets set status = $1, items = $2, bytes = $3, skipped = $4, findings = $5,
       errors = $6, ended_at = $7 where run_id = $8 and target = $9`,
      [t.status, t.items, t.bytes, t.skipped, t.findings, t.errors, at, run.id, t.target],
    );
    await c.query("delete from run_errors where run_id = $1 and target = $2", [run.id, t.target]);
    for (const e of errors)
      await c.query("insert into run_errors (run_id, target, item, reason) values ($1, $2, $3, $4)", [
        run.id,
        t.target,
        e.item,
        e.reason,
      ]);
    const n = gone ? await markGone(c, run, t.target, gone, at) : 0;
    await carry(c, run, t.target);
    return n;
  });
}

const LIVE = "target = $1 and state != 'gone' and last_run != $2";

async function markGone(c: pg.PoolClient, run: RunHandle, target: string, scope: GoneScope, at: string) {
  const mark = async (extra: string, p: unknown[]) => {
    await c.query(
      `insert into sightings (run_id, finding_id, state, seen_at)
       select $2, id, 'gone', $3 from findings where ${LIVE}${extra}
       on conflict (run_id, finding_id) do update set state = 'gone', seen_at = excluded.seen_at`,
      p,
    );
    return (await c.query(`update findings set state = 'gone', gone_run = $2 where ${LIVE}${extra}`, p))
      .rowCount!;
  };
  // $3 (the time) is named in both statements so that Postgres knows its type in each
  if (scope.all) return mark(" and $3::text is not null", [target, run.id, at]);
  const containers = [...scope.containers];
  if (!containers.length) return 0;
  return mark(" and $3::text is not null and container = any($4::text[])", [target, run.id, at, containers]);
}

/** Copies of the target this run neither read again nor found gone stay, as surviving. */
async function carry(c: pg.PoolClient, run: RunHandle, target: string): Promise<void> {
  await c.query(
    `insert into sightings (run_id, finding_id, state, seen_at)
     select $2, id, 'surviving', last_seen from findings where ${LIVE}
     on conflict (run_id, finding_id) do nothing`,
    [target, run.id],
  );
  await c.query(`update findings set state = 'surviving', last_run = $2 where ${LIVE}`, [target, run.id]);
}

/** Records the manifest entries a run hunts for. */
export function saveSecrets(
  conn: PgConnection,
  run: RunHandle,
  secrets: { id: string; label?: string; tier?: string }[],
): Promise<void> {
  return conn.tx(async (c) => {
    for (const e of secrets)
      await c.query(
        `insert into secrets (id, label, tier, run_id) values ($1, $2, $3, $4)
         on conflict (id) do update set label = excluded.label, tier = excluded.tier, run_id = excluded.run_id`,
        [e.id, e.label ?? null, e.tier ?? null, run.id],
      );
  });
}
