/** Reads of the store for `residue report`: runs, their targets and errors, copies, history. */
import type BetterSqlite3 from "better-sqlite3";
import type { CopyRecord } from "../reporters/systems.js";
import type { ScanError } from "../types.js";

/** One run. */
export interface RunInfo {
  id: number;
  startedAt: string;
  endedAt: string | null;
  status: string;
  config: string | null;
}

/** One target of a run. */
export interface RunTargetRow {
  target: string;
  status: string;
  items: number;
  bytes: number;
  skipped: number;
  findings: number;
  errors: number;
  startedAt: string;
  endedAt: string | null;
}

/** A copy as of a run: the redacted finding JSON with its state there, target and system. */
export interface CopyRow extends CopyRecord {
  target: string;
  system: string;
}

/** A copy's row as both stores select it. */
export interface StoredCopy {
  json: string;
  target: string;
  system: string;
  state: CopyRow["state"];
  firstSeen: string;
  lastSeen: string | null;
}

/** A stored copy as the report shows it: the redacted finding with its state and dates. */
export function copyRow(r: StoredCopy): CopyRow {
  return {
    ...(JSON.parse(r.json) as CopyRecord),
    state: r.state,
    firstSeen: r.firstSeen,
    ...(r.lastSeen && { lastSeen: r.lastSeen }),
    target: r.target,
    system: r.system,
  };
}

/** Copies per system in one run (gone copies excluded). */
export interface HistoryPoint {
  run: number;
  startedAt: string;
  system: string;
  copies: number;
}

/** The read side of the store. */
export class StoreReader {
  constructor(private readonly db: BetterSqlite3.Database) {}

  /** Every run, oldest first. */
  runs(): RunInfo[] {
    return this.db
      .prepare(
        `select id, started_at as startedAt, ended_at as endedAt, status, config from runs order by id`,
      )
      .all() as RunInfo[];
  }

  /** A run by id, or the latest run. */
  run(id?: number): RunInfo | undefined {
    const sql = `select id, started_at as startedAt, ended_at as endedAt, status, config from runs`;
    return (
      id === undefined
        ? this.db.prepare(`${sql} order by id desc limit 1`).get()
        : this.db.prepare(`${sql} where id = ?`).get(id)
    ) as RunInfo | undefined;
  }

  /** The targets of a run. */
  targets(run: number): RunTargetRow[] {
    return this.db
      .prepare(`select target, status, items, bytes, skipped, findings, errors, started_at as startedAt,
        ended_at as endedAt from run_targets where run_id = ? order by rowid`)
      .all(run) as RunTargetRow[];
  }

  /** The unreadable items of a run. */
  errors(run: number): ScanError[] {
    return this.db
      .prepare("select target as source, item, reason from run_errors where run_id = ? order by rowid")
      .all(run) as ScanError[];
  }

  /** The copies a run saw or found gone, each with its state in that run. */
  copies(run: number): CopyRow[] {
    const rows = this.db
      .prepare(`select f.json, f.target, f.system, s.state, f.first_seen as firstSeen,
          (select max(s2.seen_at) from sightings s2 where s2.finding_id = f.id and s2.run_id <= s.run_id
             and s2.state != 'gone') as lastSeen
        from sightings s join findings f on f.id = s.finding_id
        where s.run_id = ? order by f.secret_key, f.system, f.id`)
      .all(run) as StoredCopy[];
    return rows.map(copyRow);
  }

  /** Copies per system in every run up to `upTo`, for the chart. */
  history(upTo?: number): HistoryPoint[] {
    return this.db
      .prepare(`select r.id as run, r.started_at as startedAt, f.system, count(*) as copies
        from sightings s join findings f on f.id = s.finding_id join runs r on r.id = s.run_id
        where s.state != 'gone' and r.id <= ? group by r.id, f.system order by r.id, f.system`)
      .all(upTo ?? Number.MAX_SAFE_INTEGER) as HistoryPoint[];
  }

  /** How many copies a run saw new, surviving, and found gone. */
  counts(run: number): { new: number; surviving: number; gone: number } {
    const out = { new: 0, surviving: 0, gone: 0 };
    const rows = this.db
      .prepare("select state, count(*) as n from sightings where run_id = ? group by state")
      .all(run) as { state: keyof typeof out; n: number }[];
    for (const r of rows) out[r.state] = r.n;
    return out;
  }

  /** Manifest entries seen by sweeps: id → label and tier. */
  secrets(): Record<string, { label?: string; tier?: string }> {
    const rows = this.db.prepare("select id, label, tier from secrets").all() as {
      id: string;
      label: string | null;
      tier: string | null;
    }[];
    return Object.fromEntries(
      rows.map((r) => [r.id, { ...(r.label && { label: r.label }), ...(r.tier && { tier: r.tier }) }]),
    );
  }
}
