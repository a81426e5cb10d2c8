/**
 * The resume point of a `jenkins:` target: per job (its full name), the build number up to which
 * every build was read, as a JSON object (`{"team/app":41}`). A job only moves on when all of its
 * builds in the window were read; a build still running, or left out by `until=`, holds its job
 * back to the build before it, so the next sweep reads it once it has finished.
 */
import type { SourceContext } from "../../types.js";

/** Per job: the last build number read through. */
export type BuildMarks = Map<string, number>;

/** The marks a sweep stored; empty when there are none (or they are not ours). */
export function readMarks(ctx: SourceContext): BuildMarks {
  const start = ctx.cursor().start;
  if (!start) return new Map();
  try {
    const o = JSON.parse(start) as unknown;
    if (o && typeof o === "object" && !Array.isArray(o))
      return new Map(Object.entries(o).filter((e): e is [string, number] => Number.isInteger(e[1])));
  } catch {
    // a resume point of another form (a date from an older version): read the window instead
  }
  ctx.notice("the stored resume point is not a Jenkins one; reading the whole window");
  return new Map();
}

/** What one job's read reached. */
export class JobMark {
  private top = 0;
  private hold = Number.POSITIVE_INFINITY;
  failed = false;

  /** A build that was read (or had nothing to read). */
  read(n: number): void {
    this.top = Math.max(this.top, n);
  }

  /** A build left for a later read (running, after `until=`). */
  held(n: number): void {
    this.hold = Math.min(this.hold, n - 1);
  }

  /** The number to store, given the stored one; undefined when the job may not move. */
  next(stored: number | undefined): number | undefined {
    if (this.failed) return undefined;
    const reached = Math.min(this.top, this.hold);
    return Math.max(stored ?? 0, reached) || undefined;
  }
}

/** Reports the new marks (sweeps store them) with a notice for people. */
export function reportMarks(ctx: SourceContext, stored: BuildMarks, jobs: Map<string, JobMark>): void {
  const out = new Map(stored);
  for (const [job, mark] of jobs) {
    const n = mark.next(stored.get(job));
    if (n !== undefined) out.set(job, n);
  }
  if (!out.size) return;
  ctx.cursor().advance(JSON.stringify(Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)))));
  const held = [...jobs.values()].filter((m) => m.failed).length;
  ctx.notice(
    `resume point: the last build read of ${out.size} job(s)${held ? `; ${held} job(s) with errors start over` : ""}`,
  );
}
