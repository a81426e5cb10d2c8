/**
 * residue's library API. `scan(options)` returns an async iterable of findings; manifests are
 * managed with the functions of src/manifest; reporters turn findings into text, JSON, JSONL,
 * SARIF or HTML. Every value a finding holds is a `Secret`, printed redacted.
 */

export { redactFile } from "./cli/commands/redact.js";
export { watch } from "./cli/commands/watch.js";
export type { CliIO } from "./cli/io.js";
export { run } from "./cli/main.js";
export { cleanLog } from "./content/log-clean.js";
export { textPieces } from "./content/text.js";
export { checkRule } from "./detectors/check.js";
export { loadCatalog, loadRuleFile, selectRules } from "./detectors/index.js";
export type { DetectorRule, VerifySpec } from "./detectors/types.js";
export {
  ConfigError,
  DetectorError,
  ManifestError,
  ResidueError,
  SourceError,
  UsageError,
} from "./errors.js";
export { containerKey } from "./findings.js";
export { fingerprintKey, keyedHash } from "./fingerprint.js";
export { locatorUri } from "./locator.js";
export * from "./manifest/index.js";
export { createMatchEngine, type MatchEngineConfig } from "./match/index.js";
export { compilePatterns } from "./match/patterns.js";
export { reporters } from "./reporters/index.js";
export { findingJson } from "./reporters/serialize.js";
export {
  type FindingFilter,
  type ScanOptions,
  type ScanRun,
  scan,
  type TargetStats,
} from "./scan.js";
export { redact, Secret } from "./secret.js";
export { defineSource, type SourceDescriptor, type Target } from "./sources/descriptor.js";
export { LogTail } from "./sources/logs/follow.js";
export { registry } from "./sources/registry.js";
export { parseTarget } from "./sources/target.js";
export { openStore } from "./store/index.js";
export { suppressionFilters } from "./suppress/index.js";
export { loadSweepConfig, parseSweepConfig, sweepJsonSchema } from "./sweep/config.js";
export { runSweep, sweepStatus } from "./sweep/run.js";
export type * from "./types.js";
export * from "./verify/index.js";
export { VERSION } from "./version.js";
