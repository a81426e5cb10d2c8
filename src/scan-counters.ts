/**
 * The running counters of a scan (items, bytes, skipped by reason, findings, errors, notices) and
 * the context each target's source gets to report into them.
 */

import type { ContentOptions } from "./content/options.js";
import { maskUrls } from "./mask-url.js";
import type { Resume, TargetStats } from "./scan-options.js";
import type { ScanError, ScanStats, SourceContext } from "./types.js";

/** What the context of a target needs from the scan. */
export interface ContextOptions {
  content: ContentOptions;
  env: Record<string, string | undefined>;
  stdin?: NodeJS.ReadableStream;
  resume?: Resume;
  readBinary: boolean;
  skipPath?: (path: string) => boolean;
  knownFilter?: SourceContext["knownFilter"];
}

/** Errors, notices and counters of a scan, filled in as it runs. */
export class ScanCounters {
  readonly errors: ScanError[] = [];
  readonly notices: string[] = [];
  readonly stats: ScanStats = {
    items: 0,
    bytes: 0,
    skipped: 0,
    skippedBy: {},
    findings: 0,
    errors: 0,
    durationMs: 0,
  };

  /** The context of one target: what its source and the content layer report lands here and in `t`. */
  context(t: TargetStats, o: ContextOptions): SourceContext {
    const { stats, errors, notices } = this;
    return {
      target: t.target,
      options: o.content,
      env: o.env,
      stdin: o.stdin,
      readBinary: o.readBinary,
      ...(o.skipPath && { skipPath: o.skipPath }),
      ...(o.knownFilter && { knownFilter: o.knownFilter }),
      error(item, reason) {
        errors.push({ source: t.target, item: maskUrls(item), reason: maskUrls(reason) });
        t.errors++;
        stats.errors++;
      },
      count(d) {
        t.items += d.items ?? 0;
        t.bytes += d.bytes ?? 0;
        stats.items += d.items ?? 0;
        stats.bytes += d.bytes ?? 0;
      },
      skip(reason) {
        t.skipped++;
        stats.skipped++;
        stats.skippedBy[reason] = (stats.skippedBy[reason] ?? 0) + 1;
      },
      notice(message) {
        notices.push(`${t.target}: ${maskUrls(message)}`);
      },
      cursor: () => ({ start: o.resume?.start, advance: (v) => o.resume?.advance(v, t.target) }),
    };
  }
}
