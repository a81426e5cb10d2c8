/**
 * The exposure report of a sweep run, from the store: DESIGN.md's JSON plus `state`, `firstSeen`
 * and `lastSeen` per finding; a text listing; the HTML page (the same as `scan -f html`).
 */
import { renderReport } from "../reporters/html-page.js";
import { formatBytes } from "../reporters/text.js";
import type { CopyRow } from "../store/index.js";
import type { RunReport } from "../store/store.js";

export type { RunReport } from "../store/store.js";

/** Stats of a run, summed over its targets. */
function runStats(r: RunReport) {
  const targets = r.reader.targets(r.run.id);
  const sum = (k: "items" | "bytes" | "skipped" | "errors") => targets.reduce((n, t) => n + t[k], 0);
  const end = r.run.endedAt ? Date.parse(r.run.endedAt) : Date.parse(r.run.startedAt);
  return {
    items: sum("items"),
    bytes: sum("bytes"),
    skipped: sum("skipped"),
    findings: r.copies.filter((c) => c.state !== "gone").length,
    errors: sum("errors"),
    durationMs: Math.max(0, end - Date.parse(r.run.startedAt)),
    ...r.reader.counts(r.run.id),
  };
}

/** DESIGN.md's JSON document, with the run and the sweep keys. */
export function reportJson(r: RunReport): string {
  const doc = {
    version: 1,
    run: r.run,
    targets: r.reader.targets(r.run.id),
    findings: r.copies.map(({ target: _t, system: _s, ...f }) => f),
    errors: r.reader.errors(r.run.id),
    stats: runStats(r),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A text listing: a heading per secret, a line per copy with its state and dates. */
export function reportText(r: RunReport): string {
  const out: string[] = [];
  const bySecret = new Map<string, CopyRow[]>();
  for (const c of r.copies) bySecret.set(c.secretKey, [...(bySecret.get(c.secretKey) ?? []), c]);
  const labels = r.reader.secrets();
  for (const list of bySecret.values()) {
    const f = list[0]!;
    const label = labels[f.secretId ?? ""]?.label;
    const name =
      f.kind === "known"
        ? `known secret ${f.secretId}${label ? ` (${label})` : ""}`
        : `${f.ruleId} ${f.redacted}`;
    out.push(`${name} — ${list.filter((c) => c.state !== "gone").length} copies`);
    for (const c of list)
      out.push(
        `    ${c.state!.padEnd(9)} ${c.uri}  ${c.system}  first ${c.firstSeen}  last ${c.lastSeen ?? "-"}`,
      );
  }
  const s = runStats(r);
  out.push(
    `run ${r.run.id} (${r.run.status}, started ${r.run.startedAt}): ${s.new} new, ${s.surviving} surviving, ${s.gone} gone; ` +
      `${s.items} items, ${formatBytes(s.bytes)}, ${s.errors} errors`,
  );
  for (const e of r.reader.errors(r.run.id)) out.push(`error: ${e.item}: ${e.reason}`);
  return `${out.join("\n")}\n`;
}

/** The HTML page of a run, with the chart of every run up to it. */
export function reportHtml(r: RunReport): string {
  const s = runStats(r);
  const targets = r.reader.targets(r.run.id);
  return renderReport({
    title: "residue exposure report",
    subtitle: `sweep run ${r.run.id} · ${r.run.status} · started ${r.run.startedAt}`,
    copies: r.copies,
    errors: r.reader.errors(r.run.id),
    stats: [
      ["copies", s.findings],
      ["new", s.new],
      ["surviving", s.surviving],
      ["gone", s.gone],
      ["secrets", new Set(r.copies.map((c) => c.secretKey)).size],
      ["targets", targets.length],
      ["items read", s.items],
      ["bytes read", formatBytes(s.bytes)],
      ["unreadable", s.errors],
    ],
    history: r.reader.history(r.run.id),
    targets: targets.map((t) => t.target),
    secrets: r.reader.secrets(),
  });
}
