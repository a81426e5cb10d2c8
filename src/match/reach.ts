/**
 * How far a pattern can reach from a keyword hit: a bound on its match length, so that a rule's
 * regex can run only in a window around its keyword hits. Unbounded repeats of atoms that cannot
 * match a newline add nothing (windows are widened to whole lines); unbounded repeats of atoms
 * that can (`\s*`, `[^"]+`, PEM bodies) are assumed to stop within NEWLINE_REACH characters.
 */

/** Assumed reach of an unbounded repeat that may cross lines. */
export const NEWLINE_REACH = 8192;

/** Assumed reach of an unbounded run of whitespace (`\s*` between a name and its value). */
export const SPACE_REACH = 64;

interface Span {
  max: number;
  /** Whether the span can match a newline. */
  nl: boolean;
  /** Whether it matches only whitespace. */
  ws?: boolean;
}

class ReachParser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly flags: string,
  ) {}

  alternation(): Span {
    let best = this.sequence();
    while (this.src[this.i] === "|") {
      this.i++;
      const s = this.sequence();
      best = { max: Math.max(best.max, s.max), nl: best.nl || s.nl };
    }
    return best;
  }

  private sequence(): Span {
    const acc: Span = { max: 0, nl: false };
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const atom = this.atom();
      const hi = this.quantifier();
      const unbounded = hi === Number.POSITIVE_INFINITY;
      const reach = atom.ws ? SPACE_REACH : atom.nl ? NEWLINE_REACH : atom.max;
      acc.max += unbounded ? reach : atom.max * hi;
      acc.nl ||= atom.nl;
    }
    return acc;
  }

  /** The upper bound of the quantifier at the cursor (1 when there is none). */
  private quantifier(): number {
    const rest = this.src.slice(this.i);
    const m = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(rest);
    if (!m) return 1;
    this.i += m[0].length;
    if (m[1] === "?") return 1;
    if (m[1]) return Number.POSITIVE_INFINITY;
    if (!m[3]) return Number(m[2]);
    return m[4] ? Number(m[4]) : Number.POSITIVE_INFINITY;
  }

  private test(piece: string, width: number): Span {
    try {
      const re = new RegExp(piece, this.flags);
      const ws = re.test(" ") && !["a", "Z", "0", "/", "-", "_", "="].some((ch) => re.test(ch));
      return { max: width, nl: re.test("\n"), ws };
    } catch {
      return { max: width, nl: true };
    }
  }

  private atom(): Span {
    const { src } = this;
    const c = src[this.i]!;
    if (c === "(") {
      const m = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(src.slice(this.i))!;
      this.i += m[0].length;
      const look = /^\(\?(?:=|!|<=|<!)$/.test(m[0]);
      const inner = this.alternation();
      this.i++; // ")"
      return look ? { max: 0, nl: false } : inner;
    }
    if (c === "[") {
      let j = this.i + 1;
      while (j < src.length && src[j] !== "]") j += src[j] === "\\" ? 2 : 1;
      const piece = src.slice(this.i, j + 1);
      this.i = j + 1;
      return this.test(piece, 1);
    }
    if (c === "\\") {
      const m =
        /^\\(?:[bB]|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|\d+|.)/s.exec(
          src.slice(this.i),
        )!;
      this.i += m[0].length;
      if (m[0] === "\\b" || m[0] === "\\B") return { max: 0, nl: false };
      if (/^\\(?:k<|\d)/.test(m[0])) return { max: 256, nl: true };
      return this.test(m[0], 1);
    }
    this.i++;
    if (c === "^" || c === "$") return { max: 0, nl: false };
    return this.test(c === "." ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), 1);
  }
}

/** The longest match a pattern can make under the assumptions above (Infinity if unparsable). */
export function patternReach(pattern: string, flags = ""): number {
  try {
    return new ReachParser(pattern, flags.replace(/[gdy]/g, "")).alternation().max;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
