/** A detector rule as it stands in detectors/<provider>.yaml (see STYLE.md and DECISIONS.md 1-4). */
import type { Severity } from "../types.js";

/** An HTTP liveness check kept with the rule (issue #8). */
export interface VerifySpec {
  /** Provider key used by --verify-base-url PROVIDER=URL. */
  provider: string;
  method: string;
  /** URL template: {{secret}}, {{groups.NAME}} and {{base}} are substituted. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Special signing ("aws-sigv4") or auth ("basic") done by code, named here. */
  auth?: string;
  /** Statuses or body checks that mean live / revoked; anything else is unknown. */
  live: { status?: number[]; bodyIncludes?: string; bodyExcludes?: string };
  revoked: { status?: number[]; bodyIncludes?: string };
}

/** One pattern rule. */
export interface DetectorRule {
  id: string;
  provider: string;
  description: string;
  keywords: string[];
  /** A regex (string) or fragments concatenated at load time; contains (?<secret>…). */
  pattern: string;
  /** Extra regex flags; only `i` is allowed (the engine always adds `gd`). */
  flags?: string;
  entropy?: number;
  severity: Severity;
  tags: string[];
  examples: string[];
  counterexamples: string[];
  /** Names of validators in src/match/validators/ (checksums, JWT structure, ...). */
  validators?: string[];
  references?: string[];
  verify?: VerifySpec;
  /** Longest match the pattern can make (computed when the catalog is compiled; -1 = unbounded). */
  reach?: number;
  /** The file the rule came from (set by the loader). */
  file?: string;
}
