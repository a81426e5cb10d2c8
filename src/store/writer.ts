/**
 * Writes of a sweep. Every batch (the findings of some chunks, and the cursor they reach) is one
 * transaction, so a killed sweep loses at most the batch in flight and a cursor never gets ahead
 * of the findings before it. A run that was killed is resumed by the next sweep: its targets that
 * finished are skipped, the others are read again (upserts by stable id make that idempotent).
 */
import type BetterSqlite3 from "better-sqlite3";
import { containerKey } from "../findings.js";
import { findingJson } from "../reporters/serialize.js";
import { systemLabel, systemOf } from "../reporters/systems.js";
import type { TargetStats } from "../scan.js";
import type { Finding, ScanError } from "../types.js";

/** The run being written. */
export interface RunHandle {
  id: number;
  /** True when this continues a run that was killed. */
  resumed: boolean;
  /** Targets the resumed run already finished. */
  done: Set<string>;
}

/** Findings of one target and, optionally, the cursor their items reach. */
export interface Batch {
  target: string;
  findings: Finding[];
  cursor?: string;
}

/** Which copies of a finished target may be declared gone: all of them, or those of read containers. */
export type GoneScope = { all: true } | { all: false; containers: Iterable<string> };

const now = () => new Date().toISOString();

/** The write side of the store. */
export class StoreWriter {
  private readonly upsert: BetterSqlite3.Statement;
  private readonly sight: BetterSqlite3.Statement;
  private readonly setCursor: BetterSqlite3.Statement;
  constructor(private readonly db: BetterSqlite3.Database) {
    this.upsert = db.prepare(`
      insert into findings (id, secret_key, target, container, source, system, json,
                            first_run, first_seen, last_run, last_seen, state)
      values (@id, @secretKey, @target, @container, @source, @system, @json, @run, @now, @run, @now, 'new')
      on conflict(id) do update set
        target = excluded.target, container = excluded.container, system = excluded.system,
        json = excluded.json, last_run = excluded.last_run, last_seen = excluded.last_seen, gone_run = null,
        state = case when findings.first_run = excluded.last_run then 'new' else 'surviving' end`);
    this.sight = db.prepare(`
      insert into sightings (run_id, finding_id, state, seen_at)
      select @run, id, state, last_seen from findings where id = @id
      on conflict(run_id, finding_id) do update set state = excluded.state, seen_at = excluded.seen_at`);
    this.setCursor = db.prepare(`
      insert into cursors (target, value, run_id, updated_at) values (?, ?, ?, ?)
      on conflict(target) do update set value = excluded.value, run_id = excluded.run_id,
        updated_at = excluded.updated_at`);
  }

  /** Starts a run, or resumes the latest one when it was killed before it ended. */
  startRun(config?: string): RunHandle {
    const last = this.db.prepare("select id, ended_at from runs order by id desc limit 1").get() as
      | { id: number; ended_at: string | null }
      | undefined;
    if (last && last.ended_at === null) {
      const rows = this.db
        .prepare(
          "select target from run_targets where run_id = ? and status = 'done' and ended_at is not null",
        )
        .all(last.id) as { target: string }[];
      return { id: last.id, resumed: true, done: new Set(rows.map((r) => r.target)) };
    }
    const info = this.db
      .prepare("insert into runs (started_at, config) values (?, ?)")
      .run(now(), config ?? null);
    return { id: Number(info.lastInsertRowid), resumed: false, done: new Set() };
  }

  /** Records that a target started (again) in this run. */
  startTarget(run: RunHandle, target: string): void {
    this.db.transaction(() => {
      this.db.prepare("delete from run_errors where run_id = ? and target = ?").run(run.id, target);
      this.db
        .prepare(`insert into run_targets (run_id, target, status, started_at) values (?, ?, 'running', ?)
          on conflict(run_id, target) do update set status = 'running', started_at = excluded.started_at,
          ended_at = null`)
        .run(run.id, target, now());
    })();
  }

  /** Stores a batch of findings and the cursor they reach, in one transaction. */
  write(run: RunHandle, batch: Batch): void {
    const at = now();
    this.db.transaction(() => {
      for (const f of batch.findings) {
        const json = findingJson(f, true);
        const row = {
          id: f.id,
          secretKey: f.secretKey,
          target: batch.target,
          container: containerKey(f.provenance),
          source: f.provenance.source,
          system: systemLabel(systemOf(json, batch.target)),
          json: JSON.stringify(json),
          run: run.id,
          now: at,
        };
        this.upsert.run(row);
        this.sight.run({ run: run.id, id: f.id });
      }
      if (batch.cursor !== undefined) this.setCursor.run(batch.target, batch.cursor, run.id, at);
    })();
  }

  /** Ends a target: its counters and errors, and (when it was fully read) the copies now gone. */
  finishTarget(run: RunHandle, t: TargetStats, errors: ScanError[], gone?: GoneScope): number {
    const at = now();
    return this.db.transaction(() => {
      this.db
        .prepare(`update run_targets set status = ?, items = ?, bytes = ?, skipped = ?, findings = ?,
          errors = ?, ended_at = ? where run_id = ? and target = ?`)
        .run(t.status, t.items, t.bytes, t.skipped, t.findings, t.errors, at, run.id, t.target);
      const addError = this.db.prepare("insert into run_errors values (?, ?, ?, ?)");
      for (const e of errors) addError.run(run.id, t.target, e.item, e.reason);
      const n = gone ? this.markGone(run, t.target, gone, at) : 0;
      this.carry(run, t.target);
      return n;
    })();
  }

  private markGone(run: RunHandle, target: string, scope: GoneScope, at: string): number {
    const where = "target = @target and state != 'gone' and last_run != @run";
    const params = { target, run: run.id, at };
    const mark = (extra: string, p: Record<string, unknown>) => {
      this.db
        .prepare(`insert into sightings (run_id, finding_id, state, seen_at)
          select @run, id, 'gone', @at from findings where ${where}${extra}
          on conflict(run_id, finding_id) do update set state = 'gone', seen_at = excluded.seen_at`)
        .run(p);
      return this.db
        .prepare(`update findings set state = 'gone', gone_run = @run where ${where}${extra}`)
        .run(p).changes;
    };
    if (scope.all) return mark("", params);
    let n = 0;
    for (const container of scope.containers)
      n += mark(" and container = @container", { ...params, container });
    return n;
  }

  /**
   * Copies of the target that this run did not read again and did not find gone (an incremental
   * read from a cursor, or a target read in part) are carried into the run as surviving, with the
   * time they were last actually seen: the latest report still lists every copy not known gone.
   */
  private carry(run: RunHandle, target: string): void {
    const where = "target = @target and state != 'gone' and last_run != @run";
    const p = { target, run: run.id };
    this.db
      .prepare(`insert into sightings (run_id, finding_id, state, seen_at)
        select @run, id, 'surviving', last_seen from findings where ${where}
        on conflict(run_id, finding_id) do nothing`)
      .run(p);
    this.db.prepare(`update findings set state = 'surviving', last_run = @run where ${where}`).run(p);
  }

  /** Records the manifest entries a run hunts for (ids, labels and tiers only). */
  saveSecrets(run: RunHandle, secrets: { id: string; label?: string; tier?: string }[]): void {
    const put = this.db.prepare(`insert into secrets (id, label, tier, run_id) values (?, ?, ?, ?)
      on conflict(id) do update set label = excluded.label, tier = excluded.tier, run_id = excluded.run_id`);
    this.db.transaction(() => {
      for (const e of secrets) put.run(e.id, e.label ?? null, e.tier ?? null, run.id);
    })();
  }

  /** Ends the run. */
  finishRun(run: RunHandle, status: "done" | "partial" | "failed"): void {
    this.db.prepare("update runs set ended_at = ?, status = ? where id = ?").run(now(), status, run.id);
  }

  /** The cursor a target reached, if any. */
  cursor(target: string): string | undefined {
    const row = this.db.prepare("select value from cursors where target = ?").get(target) as
      | { value: string }
      | undefined;
    return row?.value;
  }
}
