/**
 * `-f html`: the self-contained exposure report for a one-off scan (the same page as
 * `residue report -f html` over a sweep store). The page always holds redacted previews only,
 * even under --no-redact: it is meant to be shared with the people who purge the copies. A PEM
 * key is named by type and size; links open files and, for GitHub, GitLab and Bitbucket
 * remotes, the commit and line on the host.
 */
import type { Finding, Reporter, ReporterOptions, ScanMeta } from "../types.js";
import { copyHref, targetRepo, type WebRepo } from "./html-links.js";
import { renderReport } from "./html-page.js";
import { previewOf } from "./preview.js";
import { findingJson } from "./serialize.js";
import { type CopyRecord, pickTarget } from "./systems.js";
import { formatBytes } from "./text.js";

/** Buffers findings and writes one HTML page at the end. */
export function htmlReporter(o: ReporterOptions): Reporter {
  const copies: CopyRecord[] = [];
  // the web repository of each git target, looked up once
  const repos = new Map<string, WebRepo | undefined>();
  let meta: ScanMeta | undefined;
  return {
    begin(m) {
      meta = m;
    },
    finding(f: Finding) {
      const rec = findingJson(f, true);
      rec.redacted = previewOf(f.secret.reveal(), rec.redacted);
      rec.description ??= meta?.rules?.find((r) => r.id === f.ruleId)?.description;
      const target = pickTarget(rec, meta?.targets ?? []);
      if (target && !repos.has(target)) repos.set(target, targetRepo(target));
      rec.href = copyHref(rec, target ? repos.get(target) : undefined);
      copies.push(rec);
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
