/**
 * `-f sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers. Rules carry the catalog's
 * descriptions and `security-severity`; results carry the finding id as a partial fingerprint
 * (stable across runs and edits elsewhere in the file) and, for copies in git history, the
 * commit, author and date that introduced them.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Finding, Reporter, ReporterOptions, ScanMeta } from "../types.js";
import { LEVEL, ruleDescriptor, ruleIdOf, severityOf } from "./sarif-rules.js";

/** Where users read about residue. */
export const INFORMATION_URI = "https://www.npmjs.com/package/residue-scan";

/** A relative, forward-slash artifact URI where the path allows it. */
function artifactUri(p: string): string {
  if (p.includes("!")) return p.split("!")[0]!.split(path.sep).join("/");
  if (path.isAbsolute(p)) return pathToFileURL(p).href;
  return p.split(path.sep).join("/");
}

/** Git history facts of a copy, for the message and the properties. */
function history(f: Finding): { text: string; props: Record<string, unknown> } {
  const p = f.provenance;
  if ((p.source !== "git" && p.source !== "git-staged") || !p.commit) return { text: "", props: {} };
  const who = p.author ? ` by ${p.author}` : "";
  const when = p.date ? ` on ${p.date}` : "";
  const only = p.survives === "history" ? "; only in history: rewrite needed" : "";
  return {
    text: ` Introduced in commit ${p.commit.slice(0, 12)}${who}${when}${only}.`,
    props: {
      commit: p.commit,
      ...(p.author && { author: p.author }),
      ...(p.date && { date: p.date }),
      ...(p.survives && { survives: p.survives }),
      ...(p.refs && { refs: p.refs }),
    },
  };
}

/** One SARIF result. */
function result(f: Finding, redact: boolean): Record<string, unknown> {
  const severity = severityOf(f);
  const name = f.kind === "known" ? `Copy of ${f.secretId}` : (f.ruleId ?? "secret");
  const h = history(f);
  const preview = redact ? f.secret.redacted : f.secret.reveal();
  return {
    ruleId: ruleIdOf(f),
    level: LEVEL[severity],
    message: { text: `${name} (${f.form}, ${f.match}): ${preview}.${h.text}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(String(f.provenance.path ?? f.uri)) },
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
    partialFingerprints: { "residue/v1": f.id, "residueSecret/v1": f.secretKey },
    properties: {
      severity,
      ...(f.confidence && { confidence: f.confidence }),
      form: f.form,
      match: f.match,
      source: f.provenance.source,
      uri: f.uri,
      ...h.props,
    },
  };
}

/** Buffers findings and writes one SARIF log. */
export function sarifReporter(o: ReporterOptions): Reporter {
  const results: unknown[] = [];
  const rules = new Map<string, unknown>();
  let meta: ScanMeta | undefined;
  return {
    begin(m) {
      meta = m;
    },
    finding(f) {
      const id = ruleIdOf(f);
      if (!rules.has(id)) rules.set(id, ruleDescriptor(f, meta));
      results.push(result(f, o.redact));
    },
    end() {
      const version = meta?.tool.version;
      const driver = {
        name: "residue",
        ...(version && { version, semanticVersion: version }),
        informationUri: INFORMATION_URI,
        rules: [...rules.values()],
      };
      const log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{ tool: { driver }, results }],
      };
      o.write(`${JSON.stringify(log, null, 2)}\n`);
    },
  };
}
