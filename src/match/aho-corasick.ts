/**
 * A keyword automaton (Aho–Corasick as a DFA over ASCII, case-folded): one pass over the text
 * reports every keyword occurrence, so the prefilter's cost does not grow with the number of
 * rules. The inner loop is one table load and one comparison per character: case folding is
 * built into the table. Non-ASCII characters
 * are folded onto ASCII (`& 127`): that can only add candidate hits, which the rules' regexes
 * then reject, never lose one.
 *
 * The table is filled lazily, a state's row when the scan first enters it: a pre-commit hook
 * visits a few hundred of the catalog's ten thousand states, and building all rows up front (5 MB)
 * cost more than the whole scan. Reporting states' entries are negated and an unfilled entry is
 * -1, so one comparison per character spots both.
 */

const ALPHA = 128;
/** An entry not computed yet; every other negative entry is a reporting state's row (at least 128). */
const UNFILLED = -1;

/**
 * The keyword trie: children as [char, state, ...] per state (the root's also by character: most
 * failure chains end there), and the payloads of each end state.
 */
interface Trie<T> {
  kids: number[][];
  root: Int32Array;
  own: Map<number, T[]>;
}

/** The child of state s on c, or -1. */
function childOf({ kids, root }: Trie<unknown>, s: number, c: number): number {
  if (s === 0) return root[c]!;
  const k = kids[s]!;
  for (let j = 0; j < k.length; j += 2) if (k[j] === c) return k[j + 1]!;
  return -1;
}

function buildTrie<T>(keywords: { keyword: string; payload: T }[]): Trie<T> {
  const trie: Trie<T> = { kids: [[]], root: new Int32Array(ALPHA).fill(-1), own: new Map() };
  const { kids, own } = trie;
  for (const { keyword, payload } of keywords) {
    let s = 0;
    for (const ch of keyword.toLowerCase()) {
      const c = ch.charCodeAt(0);
      if (c >= ALPHA || c === 0) throw new Error(`keyword "${keyword}" must be ASCII`);
      let t = childOf(trie, s, c);
      if (t === -1) {
        t = kids.length;
        kids.push([]);
        kids[s]!.push(c, t);
        if (s === 0) trie.root[c] = t;
      }
      s = t;
    }
    const list = own.get(s);
    if (!list) own.set(s, [payload]);
    else if (!list.includes(payload)) list.push(payload);
  }
  return trie;
}

/**
 * Failure links, in breadth-first order, and each state's payloads: its own plus its failure
 * state's (the same array when it has none of its own).
 */
function failures<T>(trie: Trie<T>): { fail: Int32Array; outs: (T[] | undefined)[] } {
  const { kids, own } = trie;
  const n = kids.length;
  const fail = new Int32Array(n);
  const outs: (T[] | undefined)[] = new Array(n);
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    const k = kids[s]!;
    for (let j = 0; j < k.length; j += 2) {
      const c = k[j]!;
      const t = k[j + 1]!;
      let f = s === 0 ? -1 : fail[s]!;
      let g = -1;
      for (; f !== -1; f = f === 0 ? -1 : fail[f]!) if ((g = childOf(trie, f, c)) !== -1) break;
      fail[t] = g === -1 ? 0 : g;
      const mine = own.get(t);
      const inherited = outs[fail[t]!];
      outs[t] = !mine
        ? inherited
        : !inherited
          ? mine
          : [...mine, ...inherited.filter((p) => !mine.includes(p))];
      queue.push(t);
    }
  }
  return { fail, outs };
}

/** A compiled keyword set; each keyword carries a payload (e.g. a rule index). */
export class KeywordAutomaton<T> {
  /**
   * Rows of 128 entries, allocated as states are first reached: delta[row + c] is the next
   * state's row offset, negated when that state reports keywords, or UNFILLED.
   */
  private delta = new Int32Array(ALPHA * 256);
  private rows = 0;
  /** State → row offset (-1: none yet), and row number → state. */
  private readonly rowOf: Int32Array;
  private readonly stateOf: number[] = [];
  private readonly kids: number[][];
  private readonly fail: Int32Array;
  private readonly outs: (T[] | undefined)[];

  constructor(keywords: { keyword: string; payload: T }[]) {
    const trie = buildTrie(keywords);
    const { fail, outs } = failures(trie);
    this.kids = trie.kids;
    this.fail = fail;
    this.outs = outs;
    this.rowOf = new Int32Array(trie.kids.length).fill(-1);
    this.ref(0);
  }

  /** The entry that leads to state s (its row offset, negated when it reports), allocating its row. */
  private ref(s: number): number {
    let row = this.rowOf[s]!;
    if (row === -1) {
      row = this.rows++ * ALPHA;
      if (row + ALPHA > this.delta.length) {
        const grown = new Int32Array(this.delta.length * 2);
        grown.set(this.delta);
        this.delta = grown;
      }
      this.delta.fill(UNFILLED, row, row + ALPHA);
      this.rowOf[s] = row;
      this.stateOf.push(s);
    }
    return this.outs[s]?.length ? -row : row;
  }

  /** Computes a row: its failure state's row, then its own children (both cases). */
  private fill(row: number): void {
    const s = this.stateOf[row / ALPHA]!;
    const k = this.kids[s]!;
    const next = k.map((v, j) => (j % 2 ? this.ref(v) : v));
    let from = -1;
    if (s !== 0) {
      from = Math.abs(this.ref(this.fail[s]!));
      if (this.delta[from] === UNFILLED) this.fill(from);
    }
    const { delta } = this;
    if (from === -1) delta.fill(0, row, row + ALPHA);
    else delta.copyWithin(row, from, from + ALPHA);
    for (let j = 0; j < next.length; j += 2) {
      const c = next[j]!;
      delta[row + c] = next[j + 1]!;
      if (c >= 97 && c <= 122) delta[row + c - 32] = next[j + 1]!;
    }
  }

  /** Calls onHit(end, payloads) for every position where one or more keywords end (end exclusive). */
  scan(text: string, onHit: (end: number, payloads: readonly T[]) => void): void {
    let { delta } = this;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i) & 127;
      let t = delta[s + c]!;
      if (t < 0) {
        if (t === UNFILLED) {
          this.fill(s);
          delta = this.delta;
          t = delta[s + c]!;
        }
        if (t < 0) {
          t = -t;
          onHit(i + 1, this.outs[this.stateOf[t / ALPHA]!]!);
        }
      }
      s = t;
    }
  }
}
