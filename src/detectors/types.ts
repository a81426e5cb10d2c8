/** A detector rule as it stands in detectors/<provider>.yaml (see STYLE.md and DECISIONS.md 1-4). */
import type { Confidence, Severity } from "../types.js";

/** What a provider's answer must show for one verdict; every check named must hold. */
export interface VerifyOutcome {
  status?: number[];
  /** Any of these texts in the body. */
  bodyIncludes?: string | string[];
  /** None of these texts in the body. */
  bodyExcludes?: string | string[];
}

/** An HTTP liveness check kept with the rule (issue #8); validated by src/verify/spec.ts. */
export interface VerifySpec {
  /** Provider key used by --verify-base-url PROVIDER=URL. */
  provider: string;
  method: "GET" | "POST" | "HEAD";
  /** https URL template(s) with {{secret}} and {{part}}; several are tried while the answer is "revoked". */
  url: string | string[];
  headers?: Record<string, string>;
  body?: string;
  /** HTTP Basic or AWS SigV4, from the username/password templates. */
  auth?: "basic" | "aws-sigv4";
  username?: string;
  password?: string;
  /** SigV4 region and service. */
  region?: string;
  service?: string;
  /** Other parts of a multi-part credential: part name → rule ids or `env:NAME`. */
  requires?: Record<string, string | string[]>;
  /** A regex the value must match to be checked. */
  only?: string;
  live: VerifyOutcome;
  revoked: VerifyOutcome;
}

/** What the engine reads off a rule's pattern alone (src/match/rule.ts), kept in the compiled catalog. */
export interface RuleShape {
  /** Literals every match starts with, when they are worth trying the regex at. */
  anchors?: string[];
  /** Literals the secret itself starts with. */
  prefixes?: string[];
  /** Whether a provider's secret starts with a fixed prefix (a token format). */
  prefixed: boolean;
  /** A rule without anchors: its inner literal (match/inner-literal.ts); absent when it has none. */
  inner?: { literal: string; before: number };
  /** A rule with `paths`: its globs as regex sources (match/paths.ts). */
  paths?: { base?: string; tail?: string };
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
  /** How sure a match is, when the default is wrong (see src/match/confidence.ts). */
  confidence?: Confidence;
  tags: string[];
  examples: string[];
  counterexamples: string[];
  /**
   * Real-shaped examples that were not produced from this rule's regex: values (in a real context)
   * whose shape comes from the provider's documentation or a peer's public test, named in `from`.
   * Each must match, like an example.
   */
  samples?: { text: string; from: string }[];
  /** Names of validators in src/match/validators/ (checksums, JWT structure, ...). */
  validators?: string[];
  references?: string[];
  verify?: VerifySpec;
  /**
   * Globs of the items the rule applies to (a glob without `/` matches the base name, one with
   * `/` the end of the path); with paths, keywords may be empty: the rule then runs on every
   * such item whole.
   */
  paths?: string[];
  /** Longest match the pattern can make (computed when the catalog is compiled; -1 = unbounded). */
  reach?: number;
  /** What the engine reads off the pattern (computed when the catalog is compiled). */
  shape?: RuleShape;
  /** The file the rule came from (set by the loader). */
  file?: string;
}
