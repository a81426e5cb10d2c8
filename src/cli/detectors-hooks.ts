/**
 * Scan hooks of the detectors area, run on all findings before reporting: --save-manifest adds
 * every pattern-found secret to a manifest (fingerprints only, via src/manifest) so the next scan
 * hunts its copies; --write-baseline (behind `residue baseline create`) records a baseline.
 */
import path from "node:path";
import { UsageError } from "../errors.js";
import { writeBaseline } from "../suppress/baseline.js";
import type { Finding, Severity } from "../types.js";
import type { FindingsHook } from "./commands/scan.js";

type Tier = "low" | "standard" | "privileged";
type AddToManifest = (
  file: string,
  inputs: { id: string; value: string; label?: string; tier?: Tier }[],
  opts?: { env?: Record<string, string | undefined>; keyFile?: string },
) => Promise<{ added: string[]; warnings: string[]; refused: string[]; keyFile?: string }>;

const TIERS: Record<Severity, Tier> = {
  low: "low",
  medium: "standard",
  high: "standard",
  critical: "privileged",
};

/** One manifest input per distinct pattern-found secret: id = rule id + short keyed fingerprint. */
export function manifestInputs(findings: Finding[]): Parameters<AddToManifest>[1] {
  const bySecret = new Map<string, Parameters<AddToManifest>[1][number]>();
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

const saveManifest: FindingsHook = async (findings, opts, io) => {
  const file = path.resolve(io.cwd, String(opts.saveManifest));
  const mod = (await import("../manifest/index.js")) as unknown as { addToManifest?: AddToManifest };
  if (typeof mod.addToManifest !== "function")
    throw new UsageError("--save-manifest: manifests are not available in this build");
  const inputs = manifestInputs(findings);
  const keyFile = typeof opts.keyFile === "string" ? path.resolve(io.cwd, opts.keyFile) : undefined;
  const r = await mod.addToManifest(file, inputs, { env: io.env, ...(keyFile && { keyFile }) });
  for (const w of [...r.refused, ...r.warnings]) io.stderr.write(`residue: --save-manifest: ${w}\n`);
  if (!opts.quiet)
    io.stderr.write(
      `residue: --save-manifest: ${r.added.length} new secret(s) added to ${String(opts.saveManifest)}\n`,
    );
  if (r.keyFile)
    io.stderr.write(
      `residue: --save-manifest: new key for ${String(opts.saveManifest)}: ${r.keyFile} (keep it apart from the manifest)\n`,
    );
  return findings;
};

/** --save-manifest FILE. */
export const saveManifestHook = {
  enabled: (opts: Record<string, unknown>) => typeof opts.saveManifest === "string",
  run: saveManifest,
};

/** --write-baseline FILE (used by `residue baseline create`). */
export const writeBaselineHook = {
  enabled: (opts: Record<string, unknown>) => typeof opts.writeBaseline === "string",
  run: (async (findings, opts, io) => {
    const file = path.resolve(io.cwd, String(opts.writeBaseline));
    const n = await writeBaseline(file, findings);
    io.stderr.write(`residue: baseline: ${n} finding(s) recorded in ${String(opts.writeBaseline)}\n`);
    return findings;
  }) as FindingsHook,
};
