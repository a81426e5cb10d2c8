/**
 * `-f sarif`: SARIF 2.1.0 as GitHub code scanning accepts it: tool.driver.rules, results with
 * ruleId, level, a physical location (artifact URI and region) and partialFingerprints.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Finding, Reporter, ReporterOptions, ScanMeta, Severity } from "../types.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

/** The SARIF rule id of a finding: the detector id, or `known/<secret id>`. */
function ruleIdOf(f: Finding): string {
  return f.kind === "known" ? `known/${f.secretId}` : (f.ruleId ?? "pattern");
}

/** A relative, forward-slash artifact URI where the path allows it. */
function artifactUri(p: string): string {
  if (p.includes("!")) return p.split("!")[0]!.split(path.sep).join("/");
  if (path.isAbsolute(p)) return pathToFileURL(p).href;
  return p.split(path.sep).join("/");
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
      const ruleId = ruleIdOf(f);
      if (!rules.has(ruleId)) {
        const rule = meta?.rules.find((r) => r.id === f.ruleId);
        const text =
          f.kind === "known"
            ? `A copy of the known-compromised secret "${f.secretId}"`
            : (rule?.description ?? f.ruleId ?? "pattern");
        rules.set(ruleId, {
          id: ruleId,
          name: ruleId.replace(/[^A-Za-z0-9]+/g, "_"),
          shortDescription: { text },
          fullDescription: { text },
          help: { text: `${text}. Rotate the secret, then purge this copy.` },
          defaultConfiguration: { level: f.kind === "known" ? "error" : LEVEL[f.severity ?? "high"] },
          properties: { tags: ["security", "secret"] },
        });
      }
      const where = f.provenance.path ?? f.uri;
      results.push({
        ruleId,
        level: f.kind === "known" ? "error" : LEVEL[f.severity ?? "high"],
        message: {
          text: `${f.kind === "known" ? `Copy of ${f.secretId}` : (f.ruleId ?? "secret")} (${f.form}, ${f.match}): ${
            o.redact ? f.secret.redacted : f.secret.reveal()
          }`,
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(String(where)) },
              region: { startLine: f.line, startColumn: f.column },
            },
          },
        ],
        partialFingerprints: { "residue/v1": f.id },
        properties: { form: f.form, match: f.match, source: f.provenance.source, uri: f.uri },
      });
    },
    end() {
      const log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
          {
            tool: {
              driver: {
                name: "residue",
                version: meta?.tool.version,
                informationUri: "https://github.com/residue/residue",
                rules: [...rules.values()],
              },
            },
            results,
          },
        ],
      };
      o.write(`${JSON.stringify(log, null, 2)}\n`);
    },
  };
}
