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

/**
 * The automaton as flat tables: state s's children are kidData[kidStart[s] .. kidStart[s+1]] as
 * [char, state] pairs, its failure state fail[s], and its payloads the list outOf[s] (-1: none),
 * list i being outData[outStart[i] .. outStart[i+1]]. `npm run build` saves the built-in
 * catalog's tables (match/prebuilt.ts), so a scan does not rebuild them at every start.
 */
export interface AutomatonTables {
  kidStart: Int32Array;
  kidData: Int32Array;
  fail: Int32Array;
  outOf: Int32Array;
  outStart: Int32Array;
  outData: Int32Array;
}

/** A state's children as flat [char, state] pairs, and the root's by character. */
interface Kids {
  kidStart: Int32Array;
  kidData: Int32Array;
  root: Int32Array;
}

/** The child of state s on c in a trie being built, or -1. */
function childOf({ kids, root }: Trie<unknown>, s: number, c: number): number {
  if (s === 0) return root[c]!;
  const k = kids[s]!;
  for (let j = 0; j < k.length; j += 2) if (k[j] === c) return k[j + 1]!;
  return -1;
}

/** The child of state s on c in flat tables, or -1. */
function flatChildOf({ kidStart, kidData, root }: Kids, s: number, c: number): number {
  if (s === 0) return root[c]!;
  for (let j = kidStart[s]!, end = kidStart[s + 1]!; j < end; j += 2)
    if (kidData[j] === c) return kidData[j + 1]!;
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

/** The trie's children as flat tables. */
function flatKids(kids: number[][]): Kids {
  const kidStart = new Int32Array(kids.length + 1);
  for (let s = 0; s < kids.length; s++) kidStart[s + 1] = kidStart[s]! + kids[s]!.length;
  const kidData = new Int32Array(kidStart[kids.length]!);
  for (let s = 0; s < kids.length; s++) kidData.set(kids[s]!, kidStart[s]!);
  return { kidStart, kidData, root: rootOf(kidStart, kidData) };
}

/** The root's children by character. */
function rootOf(kidStart: Int32Array, kidData: Int32Array): Int32Array {
  const root = new Int32Array(ALPHA).fill(-1);
  for (let j = kidStart[0]!; j < kidStart[1]!; j += 2) root[kidData[j]!] = kidData[j + 1]!;
  return root;
}

/**
 * Failure links, in breadth-first order, and each state's payloads: its own plus its failure
 * state's (the same array when it has none of its own).
 */
function failures<T>(kids: Kids, own: Map<number, T[]>): { fail: Int32Array; outs: (T[] | undefined)[] } {
  const { kidStart, kidData } = kids;
  const n = kidStart.length - 1;
  const fail = new Int32Array(n);
  const outs: (T[] | undefined)[] = new Array(n);
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    for (let j = kidStart[s]!, end = kidStart[s + 1]!; j < end; j += 2) {
      const c = kidData[j]!;
      const t = kidData[j + 1]!;
      let f = s === 0 ? -1 : fail[s]!;
      let g = -1;
      for (; f !== -1; f = f === 0 ? -1 : fail[f]!) if ((g = flatChildOf(kids, f, c)) !== -1) break;
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
  private readonly kids: Kids;
  private readonly fail: Int32Array;
  /** State → payloads; from saved tables, filled as states first report (most never do). */
  private readonly outs: (T[] | undefined)[];
  private readonly saved?: AutomatonTables;
  /** Saved payload list i, made when a state first reports it (lists are shared between states). */
  private readonly lists: (T[] | undefined)[] = [];

  /** Builds the automaton of keywords, or takes saved tables (payloads are then numbers). */
  constructor(keywords: { keyword: string; payload: T }[] | (T extends number ? AutomatonTables : never)) {
    if (Array.isArray(keywords)) {
      const trie = buildTrie(keywords);
      this.kids = flatKids(trie.kids);
      ({ fail: this.fail, outs: this.outs } = failures(this.kids, trie.own));
    } else {
      const t = keywords as AutomatonTables;
      this.kids = { kidStart: t.kidStart, kidData: t.kidData, root: rootOf(t.kidStart, t.kidData) };
      this.fail = t.fail;
      this.saved = t;
      this.outs = [];
    }
    this.rowOf = new Int32Array(this.fail.length).fill(-1);
    this.ref(0);
  }

  /** The automaton as flat tables, to save (payloads must be numbers). */
  tables(): AutomatonTables {
    if (this.saved) return this.saved;
    const ids = new Map<T[], number>();
    const outOf = new Int32Array(this.outs.length).fill(-1);
    const data: number[] = [];
    const starts = [0];
    this.outs.forEach((list, s) => {
      if (!list) return;
      let id = ids.get(list);
      if (id === undefined) {
        ids.set(list, (id = ids.size));
        data.push(...(list as number[]));
        starts.push(data.length);
      }
      outOf[s] = id;
    });
    const { kidStart, kidData } = this.kids;
    return {
      kidStart,
      kidData,
      fail: this.fail,
      outOf,
      outStart: Int32Array.from(starts),
      outData: Int32Array.from(data),
    };
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
    return this.outsAt(s)?.length ? -row : row;
  }

  /** State s's payloads, or undefined. */
  private outsAt(s: number): T[] | undefined {
    const list = this.outs[s];
    if (list || !this.saved) return list;
    const { outOf, outStart, outData } = this.saved;
    const i = outOf[s]!;
    if (i < 0) return undefined;
    this.lists[i] ??= Array.from(outData.subarray(outStart[i]!, outStart[i + 1]!)) as T[];
    this.outs[s] = this.lists[i];
    return this.outs[s];
  }

  /** Computes a row: its failure state's row, then its own children (both cases). */
  private fill(row: number): void {
    const s = this.stateOf[row / ALPHA]!;
    const { kidStart, kidData } = this.kids;
    const next: number[] = [];
    for (let j = kidStart[s]!, end = kidStart[s + 1]!; j < end; j += 2)
      next.push(kidData[j]!, this.ref(kidData[j + 1]!));
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
          onHit(i + 1, this.outsAt(this.stateOf[t / ALPHA]!)!);
        }
      }
      s = t;
    }
  }
}
