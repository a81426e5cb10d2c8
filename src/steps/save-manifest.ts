/**
 * After a scan: add every pattern-found secret to a manifest (fingerprints only, through
 * src/manifest), so the next scan hunts its copies everywhere else.
 */
import type { ManifestInput } from "../manifest/types.js";
import type { Finding, Severity } from "../types.js";

type Tier = NonNullable<ManifestInput["tier"]>;

const TIERS: Record<Severity, Tier> = {
  low: "low",
  medium: "standard",
  high: "standard",
  critical: "privileged",
};

/** One manifest input per distinct pattern-found secret: id = rule id + short keyed fingerprint. */
export function manifestInputs(findings: Finding[]): ManifestInput[] {
  const bySecret = new Map<string, ManifestInput>();
  for (const f of findings) {
    if (f.kind !== "pattern" || bySecret.has(f.secretKey)) continue;
    const short = f.secretKey.replace(/^pattern:/, "").slice(0, 8);
    bySecret.set(f.secretKey, {
      id: `${f.ruleId ?? "pattern"}-${short}`,
      value: f.secret.reveal(),
      label: `${f.ruleId ?? "pattern"} found at ${f.uri}`,
      tier: TIERS[f.severity ?? "medium"],
    });
  }
  return [...bySecret.values()];
}

/** Where to save, and the manifest's key. */
export interface SaveManifestOptions {
  env?: Record<string, string | undefined>;
  keyFile?: string;
}

/** Adds the findings' pattern-found secrets to the manifest `file` (created when missing). */
export async function saveFoundSecrets(file: string, findings: Finding[], o: SaveManifestOptions = {}) {
  // the manifest code (and its crypto) loads only when a scan saves: start-up stays cheap
  const { addToManifest } = await import("../manifest/edit.js");
  return addToManifest(file, manifestInputs(findings), {
    ...(o.env && { env: o.env }),
    ...(o.keyFile && { keyFile: o.keyFile }),
  });
}
