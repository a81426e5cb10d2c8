/**
 * The exposure report page: for each compromised secret (and each group of pattern findings)
 * every copy grouped by the system that holds it, with state, first/last seen and a link; a chart
 * of copies per system across runs; a filter box; the containment checklist per secret. One
 * self-contained file: inline CSS, script and SVG, and a CSP that forbids loading anything.
 * Only redacted previews reach it, and every value is escaped.
 */
import type { ScanError } from "../types.js";
import { CSS, SCRIPT } from "./html-assets.js";
import { type ChartPoint, renderChart } from "./html-chart.js";
import { type PurgeItem, purgeChecklist, secretChecklist } from "./html-checklist.js";
import { esc, hrefOf } from "./html-escape.js";
import { pairGroups } from "./html-pairs.js";
import { type CopyRecord, pickTarget, type System, systemLabel, systemOf } from "./systems.js";

/** A copy as the page shows it; `target` is the scan target that found it, when known. */
export interface ReportCopy extends CopyRecord {
  target?: string;
}

/** Everything the page shows. */
export interface ReportModel {
  title: string;
  subtitle: string;
  copies: ReportCopy[];
  errors: ScanError[];
  stats: [label: string, value: string | number][];
  history: ChartPoint[];
  /** Scan targets, to name the system of a copy whose target is not known. */
  targets: string[];
  /** Manifest entries by id: labels and tiers. */
  secrets: Record<string, { label?: string; tier?: string }>;
}

/** A copy with its system. */
interface Placed {
  copy: ReportCopy;
  system: System;
}

const isLive = (c: CopyRecord) => c.verification?.status === "live";
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** The whole page. */
export function renderReport(m: ReportModel): string {
  const groups = new Map<string, Placed[]>();
  for (const copy of m.copies) {
    const system = systemOf(copy, copy.target ?? pickTarget(copy, m.targets));
    const list = groups.get(copy.secretKey) ?? [];
    list.push({ copy, system });
    groups.set(copy.secretKey, list);
  }
  const history = m.history.length ? m.history : oneRun([...groups.values()].flat());
  const paired = pairGroups([...groups.values()]);
  const partnerOf = new Map(paired.map((p) => [p.group, p.paired]));
  const ordered = paired.map((p) => p.group).sort(byUrgency);
  const purge: PurgeItem[] = ordered.flatMap((g) =>
    g
      .filter((p) => p.copy.state !== "gone")
      .map((p) => ({ ...p, secret: secretTitle(p.copy, m).split(" · ")[0]! })),
  );
  const stats = m.stats
    .map(([k, v]) => `<div><b>${esc(v)}</b><span class="muted">${esc(k)}</span></div>`)
    .join("");
  const errors = m.errors.length
    ? `<section class="card"><h2>Items that could not be read (${m.errors.length})</h2><table>${m.errors
        .map((e) => `<tr><td><code>${esc(e.item)}</code></td><td>${esc(e.reason)}</td></tr>`)
        .join("")}</table></section>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(m.title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(m.title)}</h1><p>${esc(m.subtitle)}</p></header><main>
<section class="card"><div class="stats">${stats}</div></section>
<section class="card"><h2>Copies per system across runs</h2>${renderChart(history)}</section>
<section class="card"><input id="filter" type="search" placeholder="Filter copies: secret, system, path, channel, state…" aria-label="filter copies"><p id="count" class="muted"></p></section>
${ordered.length ? ordered.map((g) => renderSecret(g, m, partnerOf.get(g))).join("\n") : `<section class="card"><h2>No copies found</h2></section>`}
${purgeChecklist(purge)}
${errors}
</main><script>${SCRIPT}</script></body></html>
`;
}

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };
/** A copy's severity: a known-compromised secret is critical. */
const severityOf = (c: CopyRecord) => (c.kind === "known" ? "critical" : (c.severity ?? "high"));
const present = (g: Placed[]) => g.filter((p) => p.copy.state !== "gone").length;

/** The order of secrets: live first, then by severity, then by the number of copies left. */
function byUrgency(a: Placed[], b: Placed[]): number {
  const live = (g: Placed[]) => Number(g.some((p) => isLive(p.copy)));
  return (
    live(b) - live(a) ||
    (RANK[severityOf(b[0]!.copy)] ?? 0) - (RANK[severityOf(a[0]!.copy)] ?? 0) ||
    present(b) - present(a)
  );
}

/** The chart of a one-off scan: its copies per system, as run 1. */
function oneRun(placed: Placed[]): ChartPoint[] {
  const counts = new Map<string, number>();
  for (const p of placed) {
    const label = systemLabel(p.system);
    if (p.copy.state !== "gone") counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const at = new Date().toISOString();
  return [...counts].map(([system, copies]) => ({ run: 1, startedAt: at, system, copies }));
}

/** The title of a secret's group. */
function secretTitle(c: CopyRecord, m: ReportModel): string {
  if (c.kind === "known") {
    const info = m.secrets[c.secretId ?? ""];
    const label = info?.label ? ` (${info.label})` : "";
    return `Compromised secret ${c.secretId ?? "?"}${label}${info?.tier ? ` · ${info.tier}` : ""}`;
  }
  // a password's user and host tell the responder which account to reset
  const who = c.context?.user ? ` · user ${c.context.user}${c.context.host ? `@${c.context.host}` : ""}` : "";
  return `Pattern ${c.ruleId ?? "?"} · ${c.redacted}${who}`;
}

/** One secret: its copies by system, the gone ones apart, and the checklist. */
function renderSecret(group: Placed[], m: ReportModel, paired?: string): string {
  const first = group[0]!.copy;
  const partner = paired && group.find((p) => p.copy.ruleId === paired)?.copy;
  const title = `${secretTitle(first, m)}${partner ? ` + ${partner.ruleId} · ${partner.redacted} (one credential)` : ""}`;
  const present = group.filter((p) => p.copy.state !== "gone");
  const gone = group.filter((p) => p.copy.state === "gone");
  const bySystem = groupBySystem(present);
  const count = (s: string) => present.filter((p) => (p.copy.state ?? "new") === s).length;
  const live = present.filter((p) => isLive(p.copy)).length;
  const summary = [
    `${present.length} ${present.length === 1 ? "copy" : "copies"}`,
    live ? `${live} live` : "",
    first.state !== undefined
      ? `${count("new")} new, ${count("surviving")} surviving, ${gone.length} gone`
      : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const systems = [...bySystem.entries()]
    .map(
      ([label, list]) =>
        `<div class="system"><h3>${esc(label)} <span class="muted">(${list.length})</span></h3>${table(list)}</div>`,
    )
    .join("");
  const severity = severityOf(first);
  const about = [
    `<span class="sev sev-${esc(severity)}">${esc(severity)}</span>`,
    first.confidence ? `<span class="muted">confidence ${esc(first.confidence)}</span>` : "",
    first.description ? `<span class="desc">${esc(first.description)}</span>` : "",
  ].join(" ");
  const goneBlock = gone.length
    ? `<details><summary>${gone.length} ${gone.length === 1 ? "copy" : "copies"} gone this run</summary><div class="system">${table(gone)}</div></details>`
    : "";
  const search = `${title} ${first.secretKey}`.toLowerCase();
  return `<section class="card secret" data-severity="${esc(severity)}" data-search="${esc(search)}"><h2>${esc(title)}</h2><p class="about">${about}</p><p class="muted">${esc(summary)}</p>${secretChecklist(first, live)}${systems}${goneBlock}</section>`;
}

/** Copies grouped by system label; systems with live copies first, live copies first within. */
function groupBySystem(list: Placed[]): Map<string, Placed[]> {
  const sorted = [...list].sort(
    (a, b) =>
      Number(isLive(b.copy)) - Number(isLive(a.copy)) ||
      systemLabel(a.system).localeCompare(systemLabel(b.system), "en") ||
      a.copy.uri.localeCompare(b.copy.uri, "en"),
  );
  const out = new Map<string, Placed[]>();
  for (const p of sorted) {
    const label = systemLabel(p.system);
    out.set(label, [...(out.get(label) ?? []), p]);
  }
  return out;
}

/** A table cell with a short time; the full ISO time on hover. */
function when(iso: string | undefined): string {
  if (!iso) return "<td></td>";
  return `<td title="${esc(iso)}">${esc(iso.replace("T", " ").slice(0, 16))}</td>`;
}

/** The table of copies. */
function table(list: Placed[]): string {
  const rows = list.map(({ copy: c, system }) => {
    const href = c.href ?? hrefOf(c.uri);
    const link = href ? `<a href="${esc(href)}">${esc(c.uri)}</a>` : esc(c.uri);
    const state = c.state ?? "new";
    const how = c.match === "partial" ? `partial ${Math.round(c.coverage * 100)}%` : c.form;
    const search = [c.uri, systemLabel(system), state, c.form, c.redacted, c.source, isLive(c) ? "live" : ""]
      .join(" ")
      .toLowerCase();
    return `<tr class="copy${state === "gone" ? " gone" : ""}" data-id="${esc(c.id)}" data-search="${esc(search)}"><td><span class="state state-${esc(state)}">${esc(state)}</span>${isLive(c) ? ' <span class="live">live</span>' : ""}</td><td><code>${link}</code></td><td>${esc(how)}</td><td><code>${esc(c.redacted)}</code></td>${when(c.firstSeen)}${when(c.lastSeen)}</tr>`;
  });
  return `<table><thead><tr><th>state</th><th>where</th><th>form</th><th>preview</th><th>first seen</th><th>last seen</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
