/** The JSON shape of a finding (DESIGN.md), shared by the json, jsonl, sarif and html reporters. */
import type { Finding } from "../types.js";
import type { CopyRecord } from "./systems.js";

/** A finding as DESIGN.md's JSON: `location` holds the provenance keys plus line and column. */
export function findingJson(f: Finding, redact = true): CopyRecord {
  const { source, uri: _uri, blob: _blob, ...rest } = f.provenance;
  const location: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) location[k] = v;
  location.line = f.line;
  location.column = f.column;
  return {
    id: f.id,
    kind: f.kind,
    ...(f.secretId !== undefined && { secretId: f.secretId }),
    ...(f.ruleId !== undefined && { ruleId: f.ruleId }),
    secretKey: f.secretKey,
    form: f.form,
    match: f.match,
    coverage: f.coverage,
    source,
    location,
    uri: f.uri,
    redacted: f.secret.redacted,
    ...(!redact && { secret: f.secret.reveal() }),
    ...(f.severity && { severity: f.severity }),
    ...(f.confidence && { confidence: f.confidence }),
    ...(f.context && { context: f.context }),
    ...(f.description && { description: f.description }),
    ...(f.state && { state: f.state }),
    ...(f.firstSeen && { firstSeen: f.firstSeen }),
    ...(f.lastSeen && { lastSeen: f.lastSeen }),
    ...(f.verification && { verification: f.verification }),
  };
}

/** The name a person reads for the secret of a finding. */
export function secretName(f: Finding): string {
  return f.kind === "known" ? (f.secretId ?? "?") : `${f.ruleId ?? "pattern"} ${f.secret.redacted}`;
}
