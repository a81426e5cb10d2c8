/** Pattern rules: keyword prefilter → regex → entropy → validators (issue #4). */
import type { DetectorRule } from "../detectors/types.js";
import type { TextMatcher } from "../types.js";

/** Compiles rules into one matcher. TODO(#4): the engine. */
export function compilePatterns(rules: DetectorRule[]): TextMatcher {
  void rules;
  return { find: () => [] };
}
