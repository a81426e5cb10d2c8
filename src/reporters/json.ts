/** `-f json`: one object {version, findings, errors, stats}, written at the end. */
import type { Finding, Reporter, ReporterOptions, ScanMeta } from "../types.js";
import { findingJson } from "./serialize.js";
import type { CopyRecord } from "./systems.js";

/** Buffers findings and writes one JSON document. */
export function jsonReporter(o: ReporterOptions): Reporter {
  const findings: CopyRecord[] = [];
  let meta: ScanMeta | undefined;
  return {
    begin(m) {
      meta = m;
    },
    finding(f: Finding) {
      findings.push(findingJson(f, o.redact));
    },
    end(summary) {
      const doc = {
        version: 1,
        tool: meta?.tool,
        findings,
        errors: summary.errors,
        notices: summary.notices,
        stats: summary.stats,
      };
      o.write(`${JSON.stringify(doc, null, 2)}\n`);
    },
  };
}
