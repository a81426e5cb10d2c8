/** The JSON shape of a finding (DESIGN.md), shared by the json, jsonl, sarif and html reporters. */
import { locationOf } from "../location.js";
import type { Finding } from "../types.js";
import type { CopyRecord } from "./systems.js";

/**
 * A finding as DESIGN.md's JSON: `location` holds the keys its source's location schema declares
 * (src/location.ts) plus line and column; `target` is the scan target that found it.
 */
export function findingJson(f: Finding, redact = true): CopyRecord {
  const source = f.provenance.source;
  const location = locationOf(f.provenance, f.line, f.column);
  return {
    id: f.id,
    ...(f.target !== undefined && { target: f.target }),
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
