/**
 * Progress on stderr while a scan or sweep runs: per target, items, bytes, findings and rate, on
 * one line redrawn at most ten times a second. Only when stderr is a TTY and not --quiet, so
 * logs of cron jobs and CI stay clean.
 */

import { formatBytes } from "../reporters/text.js";
import type { TargetStats } from "../scan.js";

/** A progress display: update() after every chunk, done() at the end. */
export interface Progress {
  update(t: TargetStats): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

/** One status line for a target. */
export function progressLine(t: TargetStats, nowMs: number): string {
  const started = t.startedAt ? Date.parse(t.startedAt) : nowMs;
  const secs = Math.max(0.001, (nowMs - started) / 1000);
  const rate = `${formatBytes(Math.round(t.bytes / secs))}/s`;
  const f = `${t.findings} ${t.findings === 1 ? "finding" : "findings"}`;
  return `${t.target}: ${t.items} items, ${formatBytes(t.bytes)}, ${f}, ${rate}`;
}

/** The display for a stream; silent when it is not a TTY or `quiet` is set. */
export function createProgress(
  stream: { write(s: string): unknown; isTTY?: boolean },
  opts: { quiet?: unknown } = {},
): Progress {
  if (!stream.isTTY || opts.quiet) return SILENT;
  let last = 0;
  let current: TargetStats | undefined;
  const draw = (t: TargetStats) => void stream.write(`\r\u001b[2K${progressLine(t, Date.now())}`);
  return {
    update(t) {
      const now = Date.now();
      if (current && current.target !== t.target) {
        draw(current);
        stream.write("\n");
        last = 0;
      }
      current = t;
      if (now - last < 100) return;
      last = now;
      draw(t);
    },
    done() {
      if (!current) return;
      draw(current);
      stream.write("\n");
      current = undefined;
    },
  };
}
