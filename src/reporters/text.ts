/**
 * `-f text`: findings grouped by secret, the most urgent first (live, then severity, then the
 * number of copies); each secret with its severity in colour and its rule's description, each
 * copy with its place, form, redacted preview, whether only history still holds it, and the
 * masked line it sits on. Colour only when asked (a TTY, FORCE_COLOR, --color). A closing
 * summary (items, bytes, findings, errors, time) and the unreadable items.
 */
import pc from "picocolors";
import type { Finding, Reporter, ReporterOptions, ScanMeta, ScanSummary, Severity } from "../types.js";
import { previewOf } from "./preview.js";
import { severityOf } from "./sarif-rules.js";

/** The colour functions (picocolors), or identity functions when colour is off. */
const palette = (on: boolean) => pc.createColors(on);
type Colors = ReturnType<typeof palette>;

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };
const COLOUR: Record<Severity, (c: Colors) => (s: string) => string> = {
  critical: (c) => (s) => c.bold(c.red(s)),
  high: (c) => c.red,
  medium: (c) => c.yellow,
  low: (c) => c.cyan,
};

/** Human-readable size. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  for (; v >= 1024 && i < units.length - 1; i++) v /= 1024;
  return `${v.toFixed(1)} ${units[i]}`;
}

/** "1 copy", "2 copies". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const isLive = (l: Finding[]) => Number(l.some((f) => f.verification?.status === "live"));

/** The order of secrets: live first, then the more severe, then the more copies. */
function urgency(a: Finding[], b: Finding[]): number {
  return (
    isLive(b) - isLive(a) ||
    RANK[severityOf(b[0]!)] - RANK[severityOf(a[0]!)] ||
    b.length - a.length ||
    (a[0]!.ruleId ?? a[0]!.secretId ?? "").localeCompare(b[0]!.ruleId ?? b[0]!.secretId ?? "", "en")
  );
}

/** One line per copy under a heading per secret. */
export function textReporter(o: ReporterOptions): Reporter {
  const color = o.color ?? false;
  const c = palette(color);
  const { bold, red, dim } = c;
  const groups = new Map<string, Finding[]>();
  let meta: ScanMeta | undefined;
  const describe = (f: Finding): string => {
    if (f.kind === "known") {
      const label = meta?.secrets?.find((s) => s.id === f.secretId)?.label;
      return `a known-compromised secret${label ? `: ${label}` : ""}`;
    }
    return f.description ?? meta?.rules?.find((r) => r.id === f.ruleId)?.description ?? "";
  };
  const heading = (list: Finding[]) => {
    const first = list[0]!;
    const severity = severityOf(first);
    const name =
      first.kind === "known"
        ? `known secret ${bold(first.secretId ?? "?")}`
        : bold(first.ruleId ?? "pattern");
    const checked = list.find((f) => f.verification?.status === "live") ?? list.find((f) => f.verification);
    const status = checked ? ` ${isLive(list) ? red(bold("LIVE")) : dim(checked.verification!.status)}` : "";
    const tag = COLOUR[severity](c)(severity.toUpperCase());
    o.write(
      `${COLOUR[severity](c)("●")} ${tag} ${name}${status} — ${plural(list.length, "copy", "copies")}\n`,
    );
    const text = describe(first);
    if (text) o.write(`  ${dim(text)}\n`);
  };
  return {
    begin(m) {
      meta = m;
    },
    finding(f) {
      const list = groups.get(f.secretKey);
      if (list) list.push(f);
      else groups.set(f.secretKey, [f]);
    },
    end(summary: ScanSummary) {
      for (const list of [...groups.values()].sort(urgency)) {
        heading(list);
        list.sort((a, b) => a.uri.localeCompare(b.uri, "en") || a.line - b.line);
        for (const f of list) {
          const preview = o.redact ? previewOf(f.secret.reveal(), f.secret.redacted) : f.secret.reveal();
          const how = f.match === "partial" ? `partial ${Math.round(f.coverage * 100)}%` : f.form;
          const history =
            f.provenance.survives === "history" ? `  ${red("history only: rewrite needed")}` : "";
          // the rule's context groups (user, host, ...): never a secret
          const context = f.context
            ? `  ${dim(
                Object.entries(f.context)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(" "),
              )}`
            : "";
          o.write(`    ${f.uri}  ${dim(how)}  ${preview}${context}${versions(f, dim)}${history}\n`);
          if (f.snippet) o.write(`      ${dim(`│ ${f.snippet}`)}\n`);
        }
      }
      writeSummary(o.write, summary, color);
    },
  };
}

/** For a copy kept through several versions of a file in git history: how many, and the last commit. */
function versions(f: Finding, dim: (s: string) => string): string {
  const n = f.provenance.versionCount;
  if (typeof n !== "number" || n < 2) return "";
  const last =
    typeof f.provenance.lastCommit === "string" ? `, last in ${f.provenance.lastCommit.slice(0, 12)}` : "";
  return dim(`  (${n} versions${last})`);
}

/** The closing summary and the list of unreadable items. */
export function writeSummary(write: (s: string) => void, summary: ScanSummary, color = false): void {
  const s = summary.stats;
  const { yellow } = palette(color);
  for (const n of summary.notices) write(`${yellow("note:")} ${n}\n`);
  for (const e of summary.errors) write(`${yellow("error:")} ${e.item}: ${e.reason}\n`);
  write(
    `${plural(s.items, "item")}, ${formatBytes(s.bytes)}${s.skipped ? `, ${s.skipped} skipped` : ""}, ` +
      `${plural(s.findings, "finding")}, ${plural(s.errors, "error")}, ` +
      `${(s.durationMs / 1000).toFixed(2)} s\n`,
  );
}
