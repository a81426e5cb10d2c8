/**
 * `--min-confidence low|medium|high` (default medium): pattern findings under it are left out of
 * the text and SARIF reports (JSON, JSONL and HTML keep everything, with their `confidence`),
 * counted in the summary, and do not make the exit status 1: test credentials and documentation
 * samples must not fail a pre-commit hook or a CI job.
 */
import { type Command, Option } from "commander";
import type { Confidence, Finding, Reporter, ScanSummary } from "../../types.js";

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** Formats whose reports leave out findings under the minimum confidence. */
const FILTERED = new Set(["text", "sarif"]);

/** Adds --min-confidence to a command. */
export function addConfidenceOptions(cmd: Command): Command {
  return cmd.addOption(
    new Option("--min-confidence <level>", "report pattern findings at or above this confidence")
      .choices(["low", "medium", "high"])
      .default("medium"),
  );
}

/** Whether a finding is at or above the minimum (known-secret copies always are). */
export function meetsConfidence(f: Finding, min: Confidence): boolean {
  return f.confidence === undefined || RANK[f.confidence] >= RANK[min];
}

/** A reporter that drops findings under `min` for text and SARIF; `counted` is what the exit status sees. */
export function confidenceGate(
  inner: Reporter,
  min: Confidence,
  format: string,
): Reporter & { readonly counted: number } {
  const filtered = FILTERED.has(format);
  let counted = 0;
  let hidden = 0;
  return {
    get counted() {
      return counted;
    },
    begin: (meta) => inner.begin(meta),
    finding(f) {
      if (meetsConfidence(f, min)) counted++;
      else if (filtered) return void hidden++;
      inner.finding(f);
    },
    end(summary: ScanSummary) {
      if (!hidden) return inner.end(summary);
      const note = `${hidden} ${min === "high" ? "medium- or low" : "low"}-confidence ${hidden === 1 ? "finding" : "findings"} not shown (--min-confidence low shows them)`;
      inner.end({
        ...summary,
        stats: { ...summary.stats, findings: summary.stats.findings - hidden },
        notices: [...summary.notices, note],
      });
    },
  };
}
