/** Running a compiled rule: over windows of whole lines, or by sticky attempts at its anchors. */
import type { RawMatch } from "../types.js";
import type { InnerLiteral } from "./inner-literal.js";
import { accept, type CompiledRule } from "./rule.js";

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
export function lineWindows(text: string, wins: number[]): number[] {
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

/**
 * Tries the sticky regex at the starts before each occurrence of the rule's inner literal, in
 * order, going on past each match's end: the matches of the global regex over the whole text
 * (every match holds the literal, at most `before` characters in).
 */
export function runInner(c: CompiledRule, text: string, inner: InnerLiteral, out: RawMatch[]): void {
  const { literal, before } = inner;
  const { sticky } = c;
  let next = 0;
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) {
    for (let p = Math.max(at - before, next); p <= at; p++) {
      sticky.lastIndex = p;
      const m = sticky.exec(text);
      if (!m || m[0].length === 0) continue;
      const r = accept(c, m, 0);
      if (r) out.push(r);
      next = p + m[0].length;
      p = next - 1;
    }
    next = Math.max(next, at + 1);
  }
}
