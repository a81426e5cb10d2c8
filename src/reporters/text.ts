/**
 * `-f text`: findings grouped by secret, then by location, with redacted previews; colour only
 * on a TTY; a closing summary (items, bytes, findings, errors, time) and the unreadable items.
 */
import type { Finding, Reporter, ReporterOptions, ScanSummary } from "../types.js";

const paint = (on: boolean, code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Human-readable size. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  for (; v >= 1024 && i < units.length - 1; i++) v /= 1024;
  return `${v.toFixed(1)} ${units[i]}`;
}

/** One line per copy; a heading per secret. */
export function textReporter(o: ReporterOptions): Reporter {
  const color = o.color ?? false;
  const bold = paint(color, 1);
  const red = paint(color, 31);
  const dim = paint(color, 2);
  const groups = new Map<string, Finding[]>();
  return {
    begin() {},
    finding(f) {
      const list = groups.get(f.secretKey);
      if (list) list.push(f);
      else groups.set(f.secretKey, [f]);
    },
    end(summary: ScanSummary) {
      // secrets that still authenticate (scan --verify) come first: they are the ones to act on
      const live = (l: Finding[]) => Number(l.some((f) => f.verification?.status === "live"));
      for (const list of [...groups.values()].sort((a, b) => live(b) - live(a))) {
        const first = list[0]!;
        const title =
          first.kind === "known"
            ? `known secret ${bold(first.secretId ?? "?")}`
            : `${bold(first.ruleId ?? "pattern")} ${first.severity ? dim(`[${first.severity}]`) : ""}`.trim();
        const checked =
          list.find((f) => f.verification?.status === "live") ?? list.find((f) => f.verification);
        const status = checked
          ? ` ${live(list) ? red(bold("LIVE")) : dim(checked.verification!.status)}`
          : "";
        o.write(`${red("●")} ${title}${status} — ${list.length} ${list.length === 1 ? "copy" : "copies"}\n`);
        list.sort((a, b) => a.uri.localeCompare(b.uri, "en") || a.line - b.line);
        for (const f of list) {
          const preview = o.redact ? f.secret.redacted : f.secret.reveal();
          const how = f.match === "partial" ? `partial ${Math.round(f.coverage * 100)}%` : f.form;
          const context = f.context
            ? `  ${dim(
                Object.entries(f.context)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(" "),
              )}`
            : "";
          o.write(`    ${f.uri}  ${dim(`${how}`)}  ${preview}${context}\n`);
        }
      }
      writeSummary(o.write, summary, color);
    },
  };
}

/** The closing summary and the list of unreadable items. */
export function writeSummary(write: (s: string) => void, summary: ScanSummary, color = false): void {
  const s = summary.stats;
  const yellow = paint(color, 33);
  for (const n of summary.notices) write(`${yellow("note:")} ${n}\n`);
  for (const e of summary.errors) write(`${yellow("error:")} ${e.item}: ${e.reason}\n`);
  write(
    `${s.items} items, ${formatBytes(s.bytes)}${s.skipped ? `, ${s.skipped} skipped` : ""}, ` +
      `${s.findings} ${s.findings === 1 ? "finding" : "findings"}, ${s.errors} ${s.errors === 1 ? "error" : "errors"}, ` +
      `${(s.durationMs / 1000).toFixed(2)} s\n`,
  );
}
