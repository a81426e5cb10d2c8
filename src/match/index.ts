/**
 * The match engine: known-secret matcher (manifests) and pattern rules, over the text and its
 * decoded views. Built from serialisable config so that worker threads can build their own.
 */
import type { DetectorRule } from "../detectors/types.js";
import type { Manifest } from "../manifest/index.js";
import type { RawMatch, TextMatcher } from "../types.js";

/** Everything a matcher needs; plain data so it can be posted to a worker. */
export interface MatchEngineConfig {
  manifests: Manifest[];
  /** Pattern rules to run; empty or absent runs none. */
  rules?: DetectorRule[];
  /** RESIDUE_MANIFEST_KEY, when the manifests were keyed with it. */
  manifestKey?: string;
}

/** Builds the combined matcher. */
export function createMatchEngine(config: MatchEngineConfig): TextMatcher {
  const matchers: TextMatcher[] = [];
  void config; // TODO(#2): known matcher and decoded views; TODO(#4): pattern rules
  return {
    find(text: string): RawMatch[] {
      return matchers.flatMap((m) => m.find(text));
    },
  };
}
