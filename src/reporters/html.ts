/**
 * `-f html`: the self-contained exposure report for a one-off scan (the same page as
 * `residue report -f html` over a sweep store). The page always holds redacted previews only,
 * even under --no-redact: it is meant to be shared with the people who purge the copies.
 */
import type { Finding, Reporter, ReporterOptions, ScanMeta } from "../types.js";
import { renderReport } from "./html-page.js";
import { findingJson } from "./serialize.js";
import type { CopyRecord } from "./systems.js";
import { formatBytes } from "./text.js";

/** Buffers findings and writes one HTML page at the end. */
export function htmlReporter(o: ReporterOptions): Reporter {
  const copies: CopyRecord[] = [];
  let meta: ScanMeta | undefined;
  return {
    begin(m) {
      meta = m;
    },
    finding(f: Finding) {
      copies.push(findingJson(f, true));
    },
    end(summary) {
      const s = summary.stats;
      const startedAt = meta?.startedAt ?? new Date().toISOString();
      const page = renderReport({
        title: "residue exposure report",
        subtitle: `scan of ${meta?.targets.join(", ") || "?"} · ${startedAt}`,
        copies,
        errors: summary.errors,
        stats: [
          ["copies", s.findings],
          ["secrets", new Set(copies.map((c) => c.secretKey)).size],
          ["items read", s.items],
          ["bytes read", formatBytes(s.bytes)],
          ["unreadable", s.errors],
        ],
        history: [],
        targets: meta?.targets ?? [],
        secrets: Object.fromEntries((meta?.secrets ?? []).map((e) => [e.id, e])),
      });
      o.write(page);
    },
  };
}
