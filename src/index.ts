/**
 * residue's library API, deliberately small (README "Library API"): scan and watch; the steps a
 * caller runs after a scan (suppression, baselines, saving found secrets, verification); the
 * reporters and the JSON shape of a finding; sources; manifests; sweeps. Every value a finding
 * holds is a `Secret`, printed redacted. The CLI (src/cli) is built on these and is not exported.
 */

export { loadCatalog } from "./detectors/index.js";
export type { DetectorRule } from "./detectors/types.js";
export { ResidueError, UsageError } from "./errors.js";
export { locationJsonSchema } from "./location.js";
export { addToManifest, listManifest, loadManifest, removeFromManifest } from "./manifest/index.js";
export type { Manifest, ManifestInput } from "./manifest/types.js";
export { createMatchEngine, type MatchEngineConfig } from "./match/index.js";
export { reporters } from "./reporters/index.js";
export { findingJson } from "./reporters/serialize.js";
export { type FindingFilter, type ScanOptions, type ScanRun, scan, type TargetStats } from "./scan.js";
export { redact, Secret } from "./secret.js";
export { defineSource, type SourceDescriptor, type Target } from "./sources/descriptor.js";
export { registry } from "./sources/registry.js";
export { parseTarget } from "./sources/target.js";
export { type SaveManifestOptions, saveFoundSecrets } from "./steps/save-manifest.js";
export { type VerifyStepOptions, type VerifySummary, verifyScanFindings } from "./steps/verify.js";
export { writeBaseline } from "./suppress/baseline.js";
export { type SuppressionOptions, suppressionFilters } from "./suppress/index.js";
export { loadSweepConfig } from "./sweep/config.js";
export { runSweep, sweepStatus } from "./sweep/run.js";
export type * from "./types.js";
export { VERSION } from "./version.js";
export { type WatchOptions, watch } from "./watch.js";
