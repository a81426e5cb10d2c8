/**
 * Backtracking check (issue 16.4): a rule's regex must run in time linear in its window. JS
 * regexes backtrack, so a pattern whose quantifiers can share a run of characters (`(a+)+$`,
 * `\s*\s*$`, `\w+x` tried from every position of a long word) takes exponential or polynomial
 * time on a crafted or unlucky line. scslre (the analysis behind eslint-plugin-regexp's
 * no-super-linear-backtracking) finds such quantifiers; a rule with any is refused on load, naming
 * the quantifiers and the character run that triggers them. It is loaded on first use only (about
 * 0.4 s): the built-in catalog is checked by the test suite, not at every scan.
 */
import { createRequire } from "node:module";
import type { AnalysisResult, Report } from "scslre";

type Analyse = (re: RegExp, options?: object) => AnalysisResult;

let analyse: Analyse | undefined;

/** scslre's analyse(), required on the first call. */
function analyser(): Analyse {
  analyse ??= (createRequire(import.meta.url)("scslre") as { analyse: Analyse }).analyse;
  return analyse;
}

/** One report as a sentence. */
function describe(r: Report): string {
  const run = `a run of ${JSON.stringify(r.character.pick)}`;
  if (r.type === "Self")
    return `nested unbounded quantifiers: "${r.parentQuant.raw}" repeats "${r.quant.raw}" (exponential time on ${run})`;
  if (r.type === "Trade")
    return `"${r.startQuant.raw}" and "${r.endQuant.raw}" can both take ${run} (${r.exponential ? "exponential" : "polynomial"} time)`;
  return `"${r.quant.raw}" is retried from every position of ${run} (quadratic time)`;
}

/** Why a pattern can take super-linear time, or undefined when it cannot (as far as scslre sees). */
export function backtrackingProblem(pattern: string, flags = ""): string | undefined {
  let result: AnalysisResult;
  try {
    result = analyser()(new RegExp(pattern, flags.replace(/[gdy]/g, "")));
  } catch {
    return undefined; // a pattern that does not compile is reported by the loader
  }
  const [first] = [...result.reports].sort((a, b) => Number(b.exponential) - Number(a.exponential));
  return (
    first &&
    `pattern can backtrack super-linearly: ${describe(first)}; make the quantifiers exclusive or bound them`
  );
}
