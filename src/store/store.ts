/**
 * The store interface every sweep and report goes through: SQLite (the embedded default, see
 * sqlite-store.ts) and Postgres (postgres/) behind it. Asynchronous because Postgres is; each
 * write is one transaction, so a cursor never gets ahead of the findings stored before it.
 */
import type { TargetStats } from "../scan.js";
import type { ScanError } from "../types.js";
import type { CopyRow, HistoryPoint, RunInfo, RunTargetRow } from "./reader.js";
import type { Batch, GoneScope, RunHandle } from "./writer.js";

/** The reads a report needs about one run, answered from memory once loaded. */
export interface ReportReader {
  targets(run: number): RunTargetRow[];
  errors(run: number): ScanError[];
  counts(run: number): { new: number; surviving: number; gone: number };
  secrets(): Record<string, { label?: string; tier?: string }>;
  history(upTo?: number): HistoryPoint[];
}

/** One run's report data. */
export interface RunReport {
  run: RunInfo;
  copies: CopyRow[];
  reader: ReportReader;
}

/** A sweep store: runs, targets, findings with their states, cursors. */
export interface SweepStore {
  /** Where it is, URL credentials masked: safe to print and to put in a job. */
  readonly location: string;
  /** Takes the one-sweep-at-a-time lock; resolves to its release. Throws StoreError when held. */
  lock(): Promise<() => Promise<void>>;
  /** Starts a run, or resumes the latest one when it has not ended. */
  startRun(config?: string): Promise<RunHandle>;
  /** Records that a target started (again) in this run. */
  startTarget(run: RunHandle, target: string): Promise<void>;
  /** Stores a batch of findings and the cursor they reach, in one transaction. */
  write(run: RunHandle, batch: Batch): Promise<void>;
  /** Ends a target: counters, errors and (when read in full) the copies now gone. */
  finishTarget(run: RunHandle, t: TargetStats, errors: ScanError[], gone?: GoneScope): Promise<number>;
  /** Records the manifest entries a run hunts for (ids, labels and tiers only). */
  saveSecrets(run: RunHandle, secrets: { id: string; label?: string; tier?: string }[]): Promise<void>;
  /** Ends the run. */
  finishRun(run: RunHandle, status: "done" | "partial" | "failed"): Promise<void>;
  /** The cursor a target reached, if any. */
  cursor(target: string): Promise<string | undefined>;
  /** The targets of a run. */
  targets(run: number): Promise<RunTargetRow[]>;
  /** How many copies a run saw new, surviving, and found gone. */
  counts(run: number): Promise<{ new: number; surviving: number; gone: number }>;
  /** A run (default the latest) with everything its report shows, or undefined. */
  report(run?: number): Promise<RunReport | undefined>;
  close(): Promise<void>;
}

/** A ReportReader over data loaded for one run. */
export function loadedReader(data: {
  targets: RunTargetRow[];
  errors: ScanError[];
  counts: { new: number; surviving: number; gone: number };
  secrets: Record<string, { label?: string; tier?: string }>;
  history: HistoryPoint[];
}): ReportReader {
  return {
    targets: () => data.targets,
    errors: () => data.errors,
    counts: () => data.counts,
    secrets: () => data.secrets,
    history: (upTo) => data.history.filter((h) => upTo === undefined || h.run <= upTo),
  };
}
