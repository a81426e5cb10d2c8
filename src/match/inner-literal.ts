/**
 * Inner literals: a literal run that every match of a pattern holds at a bounded distance from the
 * match's start (`://` in `\b[a-z][a-z0-9+.-]{1,20}://…`, at most 21 characters in). When the run
 * holds one of the rule's keywords, every match holds a keyword hit, so instead of scanning windows
 * of text with the regex, the engine finds the run with indexOf and tries the sticky regex only at
 * the few starts before each occurrence: the matches of a scan of the whole text, for a fraction
 * of its cost. Read lazily, the first time a rule's keyword is seen (not at start-up).
 */
import { closeOf, quantifierAt } from "./anchors.js";
import { patternReach } from "./reach.js";

/** Where to try a rule: every match starts at most `before` characters ahead of an occurrence of `literal`. */
export interface InnerLiteral {
  literal: string;
  before: number;
}

const LITERAL_ESCAPE = /\\([-./_:@#%&=!,;'"`~<> /])/y;
const ESCAPE =
  /\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|\d+|.)/sy;
const GROUP_OPEN = /\((?:\?:|\?<[A-Za-z_$][\w$]*>)?/y;
const META = new Set([..."^$.|?*+(){}[]\\"]);

/** Whether src (a group body or a pattern) has a `|` at its top level. */
function hasTopLevelBar(src: string): boolean {
  for (let j = 0; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "[" || c === "(") j = closeOf(src, j) - 1;
    else if (c === "|") return true;
  }
  return false;
}

/** The longest text a pattern head can match, or undefined when it has no bound (repeats, backreferences). */
function strictReach(head: string, flags: string): number | undefined {
  if (/\\k<|\\[1-9]/.test(head)) return undefined;
  const bare = head.replace(/\[(?:\\.|[^\]\\])*\]/g, "c").replace(/\\./g, "e");
  if (/[*+]|\{\d+,\}/.test(bare)) return undefined;
  const reach = patternReach(head, flags);
  return Number.isFinite(reach) ? reach : undefined;
}

/**
 * The length of the opening of the group at i when every match goes through its body once (a
 * plain, named or non-capturing group, no quantifier, no alternatives), else 0.
 */
function transparentOpen(src: string, i: number): number {
  const close = closeOf(src, i);
  GROUP_OPEN.lastIndex = i;
  const opening = GROUP_OPEN.exec(src)?.[0] ?? "(";
  if (opening === "(" && src[i + 1] === "?") return 0;
  if (quantifierAt(src, close)[0] !== 0 || hasTopLevelBar(src.slice(i + opening.length, close - 1))) return 0;
  return opening.length;
}

/** Literal runs every match holds, with the pattern's head before each and the groups open there. */
function* requiredRuns(src: string): Generator<{ run: string; head: string }> {
  let run = "";
  let runAt = 0;
  let open = 0;
  let openAt = 0;
  const end = function* () {
    if (run.length >= 2) yield { run, head: src.slice(0, runAt) + ")".repeat(openAt) };
    run = "";
  };
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === ")") {
      open--;
      i++;
      continue;
    }
    if (c === "(") {
      const into = transparentOpen(src, i);
      if (into) {
        open++;
        i += into;
        continue;
      }
      yield* end();
      const close = closeOf(src, i);
      i = close + quantifierAt(src, close)[0];
      continue;
    }
    LITERAL_ESCAPE.lastIndex = i;
    const esc = c === "\\" ? LITERAL_ESCAPE.exec(src) : null;
    if (!esc && META.has(c)) {
      yield* end();
      ESCAPE.lastIndex = i;
      const width = c === "[" ? closeOf(src, i) - i : c === "\\" ? (ESCAPE.exec(src)?.[0].length ?? 2) : 1;
      i += width + quantifierAt(src, i + width)[0];
      continue;
    }
    const width = esc ? esc[0].length : 1;
    const [qlen, min] = quantifierAt(src, i + width);
    if (min === 0) yield* end();
    else {
      if (!run) {
        runAt = i;
        openAt = open;
      }
      run += esc ? esc[1] : c;
      if (qlen) yield* end();
    }
    i += width + qlen;
  }
  yield* end();
}

/** The pattern's inner literal holding one of its keywords, or undefined when it has none. */
export function innerLiteral(pattern: string, flags: string, keywords: string[]): InnerLiteral | undefined {
  try {
    if (hasTopLevelBar(pattern)) return undefined;
    const lower = keywords.map((k) => k.toLowerCase());
    for (const { run, head } of requiredRuns(pattern)) {
      if (flags.includes("i") && /[A-Za-z]/.test(run)) continue;
      const folded = run.toLowerCase();
      if (!lower.some((k) => folded.includes(k))) continue;
      const before = strictReach(head, flags);
      if (before !== undefined) return { literal: run, before };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
