/**
 * What a scan needs before it reads anything: its targets parsed and their options validated,
 * its manifests loaded and its rules selected, and the metadata reports describe the scan with.
 */
import { loadCatalog, selectRules } from "./detectors/index.js";
import type { DetectorRule } from "./detectors/types.js";
import type { Manifest } from "./manifest/index.js";
import { maskUrls } from "./mask-url.js";
import { type PlannedTarget, planTargets, type ScanOptions } from "./scan-options.js";
import type { ScanMeta } from "./types.js";
import { VERSION } from "./version.js";

/** A scan ready to run: manifests, rules, metadata and planned targets. */
export interface Prepared {
  manifests: Manifest[];
  rules: DetectorRule[];
  meta: ScanMeta;
  targets: PlannedTarget[];
}

/** The metadata of a scan: tool, targets (URL credentials masked), rules and described secrets. */
function scanMeta(options: ScanOptions, rules: DetectorRule[], secrets: ScanMeta["secrets"]): ScanMeta {
  return {
    tool: { name: "residue", version: VERSION },
    targets: options.targets.map(maskUrls),
    startedAt: new Date().toISOString(),
    redact: true,
    rules: rules.map((r) => ({
      id: r.id,
      description: r.description,
      severity: r.severity,
      provider: r.provider,
      tags: r.tags,
      ...(r.references && { references: r.references }),
    })),
    secrets,
  };
}

/** Parses targets, loads manifests and selects rules; throws UsageError / ManifestError / DetectorError. */
export async function prepareScan(options: ScanOptions): Promise<Prepared> {
  const env = options.env ?? process.env;
  const targets = planTargets(options);
  const keys = { env, keyFile: options.keyFile };
  // the manifest code loads only for a scan that has manifests (not the pre-commit hook)
  const code = options.manifests?.length ? await import("./manifest/load.js") : undefined;
  const manifests = code ? await Promise.all(options.manifests!.map((m) => code.loadManifest(m, keys))) : [];
  const secrets = code ? manifests.flatMap(code.describedEntries) : [];
  const spec = options.rules ?? (manifests.length ? "none" : "all");
  const rules =
    spec === "none" ? [] : selectRules(await loadCatalog(options.detectors ?? [], { lean: true }), spec);
  return { manifests, rules, meta: scanMeta(options, rules, secrets), targets };
}
