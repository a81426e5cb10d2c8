/**
 * Anchors: the literal strings a pattern's every match must start with (e.g. `ghp_`, or
 * `secret|token|api` from a leading group of alternatives), found by reading the pattern's head
 * after zero-width items (`\b`, `^`, look-arounds). When a rule has anchors, the engine tries its
 * regex only where an anchor starts (one sticky attempt each) instead of scanning windows: cheap
 * even where its keyword is everywhere.
 */

const MIN_ANCHOR = 2;
const MAX_ANCHORS = 64;
const META = new Set([..."\\^$.|?*+()[]{}"]);
/** Escapes that stand for one literal character (sticky: read in place, no slice per character). */
const LITERAL_ESCAPE = /\\([-./_:@#%&=!,;'"`~<> /])/y;
const QUANTIFIER = /(?:([*+?])|\{(\d+)(?:,\d*)?\})\??/y;
const LOOK_AROUND = /\(\?<?[=!]/y;
const SMALL_SET = /\[([A-Za-z0-9_]{2,4})\]/y;

/** A sticky regex's match at i, or null. */
function execAt(re: RegExp, src: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(src);
}

/** Index just past the group or class that opens at i (handles nesting, classes, escapes). */
export function closeOf(src: string, i: number): number {
  if (src[i] === "[") {
    let j = i + 1;
    while (j < src.length && src[j] !== "]") j += src[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "[") j = closeOf(src, j) - 1;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return j + 1;
  }
  return src.length + 1;
}

/** The quantifier at i: [length, min] (min 1 and length 0 when there is none). */
export function quantifierAt(src: string, i: number): [number, number] {
  const c = src[i];
  const m = c === "*" || c === "+" || c === "?" || c === "{" ? execAt(QUANTIFIER, src, i) : null;
  if (!m) return [0, 1];
  return [m[0].length, m[1] ? (m[1] === "+" ? 1 : 0) : Number(m[2])];
}

/** Splits a group body at its top-level `|`. */
function alternatives(src: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let j = 0; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "[" || c === "(") j = closeOf(src, j) - 1;
    else if (c === "|") {
      out.push(src.slice(start, j));
      start = j + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

/** Leading literals of one alternative; undefined when its head is not literal. */
function headOf(src: string): string[] | undefined {
  let i = 0;
  for (;;) {
    if (src[i] === "^") i++;
    else if (src.startsWith("\\b", i) || src.startsWith("\\B", i)) i += 2;
    else if (src[i] === "(" && execAt(LOOK_AROUND, src, i)) i = closeOf(src, i);
    else break;
  }
  const set = src[i] === "[" ? execAt(SMALL_SET, src, i) : null;
  if (set && quantifierAt(src, i + set[0].length)[0] === 0)
    return classHeads(set[1]!, src.slice(i + set[0].length));
  let lit = "";
  while (i < src.length) {
    const esc = src[i] === "\\" ? execAt(LITERAL_ESCAPE, src, i) : null;
    const c = src[i]!;
    if (!esc && META.has(c)) break;
    const width = esc ? esc[0].length : 1;
    const [qlen, min] = quantifierAt(src, i + width);
    if (min === 0) break;
    lit += esc ? esc[1] : c;
    i += width + qlen;
    if (qlen) break;
  }
  if (lit) return [lit];
  if (src[i] !== "(") return undefined;
  const end = closeOf(src, i);
  const [qlen, min] = quantifierAt(src, end);
  const open = /^\((?:\?:|\?<[A-Za-z_$][\w$]*>)?/.exec(src.slice(i))![0];
  const group = anchorsOfAlternation(src.slice(i + open.length, end - 1));
  if (min > 0 || !group) return group;
  // an optional leading group (`(?:sasl_)?password`): a match starts with it or with what follows
  const rest = headOf(src.slice(end + qlen));
  return rest && [...group, ...rest];
}

/**
 * Heads of a small class of letters followed by literals (`[sr]k_test_` → `sk_test_`,
 * `rk_test_`); undefined unless each is a real prefix (3+ characters), not a lone letter.
 */
function classHeads(chars: string, rest: string): string[] | undefined {
  const heads = [...chars].flatMap((c) => headOf(c + rest) ?? []);
  return heads.length === chars.length && heads.every((h) => h.length >= 3) ? heads : undefined;
}

function anchorsOfAlternation(src: string): string[] | undefined {
  const all: string[] = [];
  for (const alt of alternatives(src)) {
    const head = headOf(alt);
    if (!head) return undefined;
    all.push(...head);
  }
  return all;
}

/** The anchors of a pattern (lower-cased, ASCII, 2+ characters), or undefined. */
export function patternAnchors(pattern: string): string[] | undefined {
  let found: string[] | undefined;
  try {
    found = anchorsOfAlternation(pattern);
  } catch {
    return undefined;
  }
  if (!found?.length || found.length > MAX_ANCHORS) return undefined;
  const lower = [...new Set(found.map((a) => a.toLowerCase()))];
  if (lower.some((a) => a.length < MIN_ANCHOR || !/^[\x20-\x7e]+$/.test(a))) return undefined;
  return lower;
}

/**
 * The literals the `secret` group itself starts with (`ghp_`, `AKIA|ASIA`, `xox`), or undefined
 * when the secret has no literal head: a token that carries its own prefix is structured.
 */
export function secretPrefixes(pattern: string): string[] | undefined {
  const at = pattern.indexOf("(?<secret>");
  if (at === -1) return undefined;
  const body = pattern.slice(at + "(?<secret>".length, closeOf(pattern, at) - 1);
  try {
    return anchorsOfAlternation(body);
  } catch {
    return undefined;
  }
}
