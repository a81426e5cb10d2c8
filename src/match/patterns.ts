/**
 * Pattern rules: keyword prefilter → regex → entropy gate → placeholder filter → validators.
 * One Aho–Corasick pass finds every keyword, so the cost of the prefilter does not grow with the
 * number of rules; a rule's regex then runs only in windows of whole lines around its keyword
 * hits (or over the whole text when the windows cover most of it). Matches of the same secret at
 * the same place by two rules are merged, keeping the more specific, then the more severe.
 */
import type { DetectorRule } from "../detectors/types.js";
import { DetectorError } from "../errors.js";
import type { RawMatch, Severity, TextMatcher } from "../types.js";
import { KeywordAutomaton } from "./aho-corasick.js";
import { patternAnchors } from "./anchors.js";
import { shannonEntropy } from "./entropy.js";
import { isPlaceholder } from "./placeholder.js";
import { patternReach } from "./reach.js";
import { type Validator, validators } from "./validators/index.js";

/** Least number of characters searched on each side of a keyword hit (then widened to whole lines). */
export const KEYWORD_WINDOW = 1024;

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** A rule ready to run. */
export interface CompiledRule {
  rule: DetectorRule;
  /** Global + indices: finds matches in a window. */
  re: RegExp;
  /** Sticky twin: re-reads a match that touched a window's end over the whole text. */
  sticky: RegExp;
  checks: Validator[];
  /** Characters to search on each side of a keyword hit. */
  reach: number;
  /** Literals every match starts with: the regex is tried only where one starts. */
  anchors?: string[];
  /** Higher wins when two rules find the same place: specific before generic, then severity. */
  rank: number;
}

/** Whether a rule is a generic (catch-all) rule rather than a provider's token format. */
export function isGenericRule(rule: DetectorRule): boolean {
  return rule.provider === "generic" || rule.tags.includes("generic");
}

/** Compiles one rule; throws DetectorError for a bad regex or an unknown validator. */
export function compileRule(rule: DetectorRule): CompiledRule {
  const extra = rule.flags?.includes("i") ? "i" : "";
  let re: RegExp;
  let sticky: RegExp;
  try {
    re = new RegExp(rule.pattern, `gd${extra}`);
    sticky = new RegExp(rule.pattern, `dy${extra}`);
  } catch (err) {
    const problem = `pattern does not compile: ${err instanceof Error ? err.message : String(err)}`;
    throw new DetectorError({ file: rule.file ?? "(rule)", id: rule.id, problem });
  }
  const checks = (rule.validators ?? []).map((name) => {
    const v = validators[name];
    if (!v) {
      const problem = `unknown validator "${name}" (known: ${Object.keys(validators).join(", ")})`;
      throw new DetectorError({ file: rule.file ?? "(rule)", id: rule.id, problem });
    }
    return v;
  });
  const rank = (isGenericRule(rule) ? 0 : 10) + SEVERITY_RANK[rule.severity];
  const reach = Math.max(KEYWORD_WINDOW, patternReach(rule.pattern, extra) + 64);
  const anchors = patternAnchors(rule.pattern);
  return { rule, re, sticky, checks, rank, reach, ...(anchors && { anchors }) };
}

/** Applies the gates to one regex match; returns the raw match or undefined. */
function accept(c: CompiledRule, m: RegExpExecArray, base: number): RawMatch | undefined {
  const span = m.indices?.groups?.secret;
  const value = m.groups?.secret;
  if (!span || value === undefined || value.length === 0) return undefined;
  const { rule } = c;
  if (rule.entropy !== undefined && shannonEntropy(value) < rule.entropy) return undefined;
  if (isPlaceholder(value)) return undefined;
  const groups = m.groups ?? {};
  for (const check of c.checks) if (!check(value, groups)) return undefined;
  return {
    start: base + span[0],
    end: base + span[1],
    kind: "pattern",
    ruleId: rule.id,
    form: "plain",
    match: "exact",
    coverage: 1,
    value,
    severity: rule.severity,
  };
}

/** Runs a rule's regex over text[a, b); a match reaching b is re-read over the whole text. */
export function runRule(c: CompiledRule, text: string, a: number, b: number, out: RawMatch[]): void {
  const whole = a === 0 && b === text.length;
  const sub = whole ? text : text.slice(a, b);
  const { re } = c;
  re.lastIndex = 0;
  for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (!whole && b < text.length && m.index + m[0].length === sub.length) {
      c.sticky.lastIndex = a + m.index;
      const full = c.sticky.exec(text);
      const r = full ? accept(c, full, 0) : accept(c, m, a);
      if (r) out.push(r);
      break;
    }
    const r = accept(c, m, a);
    if (r) out.push(r);
  }
}

/** Widens [a, b) windows to whole lines and merges the ones that then overlap. */
function lineWindows(text: string, wins: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < wins.length; i += 2) {
    const a = Math.max(0, text.lastIndexOf("\n", Math.max(0, wins[i]!) - 1) + 1);
    const nl = wins[i + 1]! >= text.length ? -1 : text.indexOf("\n", wins[i + 1]!);
    const b = nl === -1 ? text.length : nl;
    if (out.length && out[out.length - 1]! >= a) out[out.length - 1] = Math.max(out[out.length - 1]!, b);
    else out.push(a, b);
  }
  return out;
}

/** Keeps one match per place: where one match's range holds another's, the better-ranked wins. */
export function mergeSamePlace(matches: RawMatch[], rankOf: (m: RawMatch) => number): RawMatch[] {
  if (matches.length < 2) return matches;
  const sorted = [...matches].sort((x, y) => x.start - y.start || y.end - x.end);
  const kept: RawMatch[] = [];
  for (const m of sorted) {
    let i = kept.length - 1;
    for (; i >= 0 && i >= kept.length - 16; i--) if (kept[i]!.end >= m.end) break;
    if (i < 0 || i < kept.length - 16) kept.push(m);
    else if (rankOf(m) > rankOf(kept[i]!)) kept[i] = m;
  }
  return kept;
}

/** Tries the sticky regex at each anchor start inside a keyword window (both lists sorted). */
export function runAnchored(
  c: CompiledRule,
  text: string,
  starts: number[],
  wins: number[],
  out: RawMatch[],
) {
  let w = 0;
  let done = -1;
  for (const p of starts) {
    if (p < done) continue;
    while (w < wins.length && wins[w + 1]! < p) w += 2;
    if (w >= wins.length) break;
    if (p < wins[w]!) continue;
    c.sticky.lastIndex = p;
    const m = c.sticky.exec(text);
    if (!m || m[0].length === 0) continue;
    done = p + m[0].length;
    const r = accept(c, m, 0);
    if (r) out.push(r);
  }
}

/** Compiles rules into one matcher. */
export function compilePatterns(rules: DetectorRule[]): TextMatcher {
  const compiled = rules.map(compileRule);
  const rankById = new Map(compiled.map((c) => [c.rule.id, c.rank]));
  // payload r >= 0: a keyword of rule r; payload -1 - k: anchor k
  const anchorList = compiled.flatMap((c, r) =>
    (c.anchors ?? []).map((a) => ({ rule: r, len: a.length, a })),
  );
  const automaton = new KeywordAutomaton([
    ...compiled.flatMap((c, r) => c.rule.keywords.map((keyword) => ({ keyword, payload: r }))),
    ...anchorList.map((x, k) => ({ keyword: x.a, payload: -1 - k })),
  ]);
  const rankOf = (m: RawMatch) => rankById.get(m.ruleId ?? "") ?? 0;
  return {
    find(text: string): RawMatch[] {
      if (!compiled.length || !text) return [];
      // per rule: keyword windows [a, b, a, b, ...] and anchor starts; arrays, not maps (hot path)
      const wins: (number[] | undefined)[] = new Array(compiled.length);
      const starts: (number[] | undefined)[] = new Array(compiled.length);
      automaton.scan(text, (end, payloads) => {
        for (const r of payloads) {
          if (r < 0) {
            const x = anchorList[-1 - r]!;
            (starts[x.rule] ??= []).push(end - x.len);
            continue;
          }
          const w = (wins[r] ??= []);
          const reach = compiled[r]!.reach;
          if (w.length && w[w.length - 1]! >= end - reach) w[w.length - 1] = end + reach;
          else w.push(end - reach, end + reach);
        }
      });
      const out: RawMatch[] = [];
      for (let r = 0; r < compiled.length; r++) {
        const w = wins[r];
        if (!w) continue;
        const c = compiled[r]!;
        if (c.anchors) {
          const list = starts[r];
          if (list) runAnchored(c, text, c.anchors.length > 1 ? list.sort((a, b) => a - b) : list, w, out);
          continue;
        }
        const lines = lineWindows(text, w);
        let covered = 0;
        for (let i = 0; i < lines.length; i += 2) covered += lines[i + 1]! - lines[i]!;
        if (covered * 2 >= text.length) runRule(c, text, 0, text.length, out);
        else for (let i = 0; i < lines.length; i += 2) runRule(c, text, lines[i]!, lines[i + 1]!, out);
      }
      return mergeSamePlace(out, rankOf);
    },
  };
}
