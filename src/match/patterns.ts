/**
 * Pattern rules: keyword prefilter → regex → entropy gate → placeholder filter → validators.
 * One Aho–Corasick pass finds every keyword (and every rule's anchors), so the cost of the
 * prefilter does not grow with the number of rules. A rule with anchors is tried by one sticky
 * attempt where an anchor starts near a keyword hit; any other rule's regex runs in windows of
 * whole lines around its keyword hits (or over the whole text when they cover most of it).
 * Matches of the same secret at the same place by two rules are merged, keeping the more
 * specific, then the more severe.
 */
import type { DetectorRule } from "../detectors/types.js";
import type { RawMatch, TextMatcher } from "../types.js";
import { KeywordAutomaton } from "./aho-corasick.js";
import { claimedPrefixTest } from "./claimed.js";
import { rate } from "./confidence.js";
import { withStructure } from "./context-structure.js";
import { innerLiteral } from "./inner-literal.js";
import { prebuiltAutomaton } from "./prebuilt.js";
import { type CompiledRule, compileRule } from "./rule.js";
import { lineWindows, runAnchored, runInner, runRule } from "./run.js";

export { type CompiledRule, compileRule, isGenericRule, KEYWORD_WINDOW } from "./rule.js";
export { runAnchored, runRule } from "./run.js";

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

/** For an item's path, the rules its `paths` leave out; remembers the last path (chunks of one item). */
function pathGate(compiled: CompiledRule[]): (path: string | undefined) => ReadonlySet<number> {
  const gated = compiled.flatMap((c, r) => (c.onPath ? [r] : []));
  let last: string | undefined;
  let off = new Set(gated);
  return (path) => {
    if (!gated.length || path === last) return off;
    last = path;
    off = new Set(gated.filter((r) => path === undefined || !compiled[r]!.onPath!(path)));
    return off;
  };
}

/** The pattern matcher; `merge` also merges matches gathered from several views of one text. */
export interface PatternMatcher extends TextMatcher {
  /** Same-place merging across matches of the text and its decoded views (offsets in the text). */
  merge(matches: RawMatch[]): RawMatch[];
}

/** Every rule's anchors, in rule order: anchor k is payload -1 - k of the keyword automaton. */
function anchorsOf(compiled: CompiledRule[]): { rule: number; len: number; a: string }[] {
  return compiled.flatMap((c, r) => (c.anchors ?? []).map((a) => ({ rule: r, len: a.length, a })));
}

/** The keyword automaton's entries: payload r >= 0 is a keyword of rule r, payload -1 - k anchor k. */
export function automatonKeywords(compiled: CompiledRule[]): { keyword: string; payload: number }[] {
  return [
    ...compiled.flatMap((c, r) => c.rule.keywords.map((keyword) => ({ keyword, payload: r }))),
    ...anchorsOf(compiled).map((x, k) => ({ keyword: x.a, payload: -1 - k })),
  ];
}

/** Compiles rules into one matcher. */
export function compilePatterns(rules: DetectorRule[]): PatternMatcher {
  const compiled = rules.map(compileRule);
  const byId = new Map(compiled.map((c) => [c.rule.id, c]));
  const anchorList = anchorsOf(compiled);
  const keywords = automatonKeywords(compiled);
  const automaton = prebuiltAutomaton(keywords) ?? new KeywordAutomaton(keywords);
  const rankOf = (m: RawMatch) => byId.get(m.ruleId ?? "")?.rank ?? 0;
  const skipped = pathGate(compiled);
  const claimed = claimedPrefixTest(compiled);
  // rules with paths and no keywords run on every item of their paths, over the whole text
  const whole = compiled.flatMap((c, r) => (c.rule.keywords.length ? [] : [r]));
  // per rule: keyword windows [a, b, a, b, ...] and anchor starts; arrays, not maps (hot path),
  // kept between texts: only the rules the last text touched (`hit`, `seen`) are cleared
  const wins: (number[] | undefined)[] = new Array(compiled.length);
  const starts: (number[] | undefined)[] = new Array(compiled.length);
  const hit: number[] = [];
  const seen: number[] = [];
  const clear = () => {
    for (const r of hit) wins[r] = undefined;
    for (const r of seen) starts[r] = undefined;
    hit.length = seen.length = 0;
  };
  return {
    merge: (matches) => mergeSamePlace(matches, rankOf),
    find(text: string, path?: string): RawMatch[] {
      if (!compiled.length || !text) return [];
      const off = skipped(path);
      clear();
      automaton.scan(text, (end, payloads) => {
        for (const r of payloads) {
          if (r < 0) {
            const x = anchorList[-1 - r]!;
            const list = starts[x.rule];
            if (list) list.push(end - x.len);
            else {
              starts[x.rule] = [end - x.len];
              seen.push(x.rule);
            }
            continue;
          }
          let w = wins[r];
          if (!w) {
            w = wins[r] = [];
            hit.push(r);
          }
          const reach = compiled[r]!.reach;
          if (w.length && w[w.length - 1]! >= end - reach) w[w.length - 1] = end + reach;
          else w.push(end - reach, end + reach);
        }
      });
      const out: RawMatch[] = [];
      for (const r of whole) if (!off.has(r) && !wins[r]) hit.push(r);
      for (const r of whole) if (!off.has(r)) wins[r] = [0, text.length];
      hit.sort((a, b) => a - b);
      for (const r of hit) {
        const w = wins[r]!;
        if (off.has(r)) continue;
        const c = compiled[r]!;
        if (c.anchors) {
          const list = starts[r];
          if (list) runAnchored(c, text, c.anchors.length > 1 ? list.sort((a, b) => a - b) : list, w, out);
          continue;
        }
        if (c.inner === undefined)
          c.inner = innerLiteral(c.rule.pattern, c.rule.flags ?? "", c.rule.keywords) ?? null;
        if (c.inner) {
          runInner(c, text, c.inner, out);
          continue;
        }
        const lines = lineWindows(text, w);
        let covered = 0;
        for (let i = 0; i < lines.length; i += 2) covered += lines[i + 1]! - lines[i]!;
        if (covered * 2 >= text.length) runRule(c, text, 0, text.length, out);
        else for (let i = 0; i < lines.length; i += 2) runRule(c, text, lines[i]!, lines[i + 1]!, out);
      }
      const kept: RawMatch[] = [];
      for (const m of mergeSamePlace(out, rankOf)) {
        const c = byId.get(m.ruleId ?? "");
        if (!c) continue;
        if (c.generic && claimed(m.value)) continue;
        m.confidence = rate(c.confidence, c.nonProvider, m, text, path);
        const context = withStructure(m.context, text, m.start, m.end);
        if (context) m.context = context;
        kept.push(m);
      }
      return kept;
    },
  };
}
