/**
 * SARIF rule descriptors: one per detector rule (its catalog description, severity, tags and
 * provider docs) and one per known-compromised secret. GitHub code scanning ranks alerts by the
 * `security-severity` property (a CVSS-like score: over 9.0 critical, 7.0 high, 4.0 medium).
 */
import type { Finding, ScanMeta, Severity } from "../types.js";

/** SARIF levels by severity. */
export const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

/** GitHub's security-severity score by severity. */
const SCORE: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" };

/** A rule of the scan as ScanMeta lists it. */
type MetaRule = ScanMeta["rules"][number];

/** The severity a finding is reported with: a known-compromised secret is critical. */
export function severityOf(f: Finding): Severity {
  return f.kind === "known" ? "critical" : (f.severity ?? "high");
}

/** The SARIF rule id of a finding: the detector id, or `known/<secret id>`. */
export function ruleIdOf(f: Finding): string {
  return f.kind === "known" ? `known/${f.secretId}` : (f.ruleId ?? "pattern");
}

const REMEDY =
  "Revoke or rotate the secret first (removing the line does not make it safe: it may already be copied), " +
  "then delete this copy; a copy in git history needs the history rewritten.";

/** The descriptor of a known-compromised secret's rule. */
function knownRule(f: Finding, meta: ScanMeta | undefined): Record<string, unknown> {
  const entry = meta?.secrets?.find((s) => s.id === f.secretId);
  const label = entry?.label ? ` (${entry.label})` : "";
  const text = `A copy of the known-compromised secret "${f.secretId}"${label}.`;
  return {
    shortDescription: { text },
    fullDescription: { text: `${text} Its fingerprint is in the scan's manifest: this value leaked.` },
    help: { text: `${text} ${REMEDY}`, markdown: `**${text}**\n\n${REMEDY}` },
    defaultConfiguration: { level: "error" },
    properties: {
      tags: ["security", "secret", "known-compromised"],
      precision: "very-high",
      "security-severity": entry?.tier === "privileged" ? "10.0" : SCORE.critical,
    },
  };
}

/** The descriptor of a detector rule, from the catalog. */
function patternRule(f: Finding, rule: MetaRule | undefined): Record<string, unknown> {
  const severity = rule?.severity ?? severityOf(f);
  const description = rule?.description ?? f.description ?? `A secret found by ${f.ruleId ?? "a pattern"}`;
  const short = description.split(/(?<=[.;])\s/)[0]!.replace(/[.;]$/, "");
  const docs = rule?.references?.length ? `\n\nFormat: ${rule.references.join(", ")}` : "";
  return {
    shortDescription: { text: short },
    fullDescription: { text: description },
    help: {
      text: `${description} ${REMEDY}${docs}`,
      markdown: `**${description}**\n\n${REMEDY}${docs}`,
    },
    ...(rule?.references?.[0] && { helpUri: rule.references[0] }),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ["security", "secret", ...(rule?.tags ?? [])],
      precision: "high",
      "security-severity": SCORE[severity],
      ...(rule?.provider && { provider: rule.provider }),
    },
  };
}

/** The reportingDescriptor of a finding's rule. */
export function ruleDescriptor(f: Finding, meta: ScanMeta | undefined): Record<string, unknown> {
  const id = ruleIdOf(f);
  const body =
    f.kind === "known"
      ? knownRule(f, meta)
      : patternRule(
          f,
          meta?.rules?.find((r) => r.id === f.ruleId),
        );
  return { id, name: id.replace(/[^A-Za-z0-9]+/g, "_"), ...body };
}
