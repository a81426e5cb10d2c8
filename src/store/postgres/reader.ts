/** Reads of the Postgres store for `residue report`: the same rows, order and shapes as SQLite's. */
import type { ScanError } from "../../types.js";
import {
  type CopyRow,
  copyRow,
  type HistoryPoint,
  type RunInfo,
  type RunTargetRow,
  type StoredCopy,
} from "../reader.js";
import { loadedReader, type RunReport } from "../store.js";
import type { PgConnection } from "./pool.js";

const RUN = `select id, started_at as "startedAt", ended_at as "endedAt", status, config from runs`;

/** The targets of a run, in the order they started. */
export function targets(conn: PgConnection, run: number): Promise<RunTargetRow[]> {
  return conn.query<RunTargetRow>(
    `select target, status, items, bytes, skipped, findings, errors, started_at as "startedAt",
     ended_at as "endedAt" from run_targets where run_id = $1 order by seq`,
    [run],
  );
}

/** How many copies a run saw new, surviving, and found gone. */
export async function counts(conn: PgConnection, run: number) {
  const out = { new: 0, surviving: 0, gone: 0 };
  const rows = await conn.query<{ state: keyof typeof out; n: number }>(
    "select state, count(*)::int as n from sightings where run_id = $1 group by state",
    [run],
  );
  for (const r of rows) out[r.state] = r.n;
  return out;
}

async function copies(conn: PgConnection, run: number): Promise<CopyRow[]> {
  const rows = await conn.query<StoredCopy>(
    `select f.json, f.target, f.system, s.state, f.first_seen as "firstSeen",
       (select max(s2.seen_at) from sightings s2 where s2.finding_id = f.id and s2.run_id <= s.run_id
          and s2.state != 'gone') as "lastSeen"
     from sightings s join findings f on f.id = s.finding_id
     where s.run_id = $1 order by f.secret_key collate "C", f.system collate "C", f.id collate "C"`,
    [run],
  );
  return rows.map(copyRow);
}

async function secrets(conn: PgConnection) {
  const rows = await conn.query<{ id: string; label: string | null; tier: string | null }>(
    "select id, label, tier from secrets",
  );
  return Object.fromEntries(
    rows.map((r) => [r.id, { ...(r.label && { label: r.label }), ...(r.tier && { tier: r.tier }) }]),
  );
}

/** A run (default the latest) and everything its report shows. */
export async function report(conn: PgConnection, id?: number): Promise<RunReport | undefined> {
  const [run] =
    id === undefined
      ? await conn.query<RunInfo>(`${RUN} order by id desc limit 1`)
      : await conn.query<RunInfo>(`${RUN} where id = $1`, [id]);
  if (!run) return undefined;
  const history = await conn.query<HistoryPoint>(
    `select r.id as run, r.started_at as "startedAt", f.system, count(*)::int as copies
     from sightings s join findings f on f.id = s.finding_id join runs r on r.id = s.run_id
     where s.state != 'gone' and r.id <= $1 group by r.id, f.system order by r.id, f.system collate "C"`,
    [run.id],
  );
  const errors = await conn.query<ScanError>(
    "select target as source, item, reason from run_errors where run_id = $1 order by seq",
    [run.id],
  );
  return {
    run,
    copies: await copies(conn, run.id),
    reader: loadedReader({
      targets: await targets(conn, run.id),
      errors,
      counts: await counts(conn, run.id),
      secrets: await secrets(conn),
      history,
    }),
  };
}
