/**
 * A keyword automaton (Aho–Corasick as a DFA over ASCII, case-folded): one pass over the text
 * reports every keyword occurrence, so the prefilter's cost does not grow with the number of
 * rules. The inner loop is two table loads (the character's class, then the next state) and one
 * comparison per character: case folding is built into the class table. Non-ASCII characters
 * are folded onto ASCII (`& 127`): that can only add candidate hits, which the rules' regexes
 * then reject, never lose one.
 *
 * The table is filled lazily, a state's row when the scan first enters it: a pre-commit hook
 * visits a few hundred of the catalog's ten thousand states, and building all rows up front (2 MB)
 * cost more than the whole scan. Reporting states' entries are negated and an unfilled entry is
 * -1, so one comparison per character spots both.
 */

const ALPHA = 128;
/** An entry not computed yet; every other negative entry is a reporting state's row (at least the width, 2+). */
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

/**
 * Character classes: every character that occurs in no keyword is class 0 (it leads every state
 * back to the root), the others one class per case-folded character. A row then has one entry per
 * class (about 55 for the catalog) instead of 128: the rows a scan visits stay in the CPU's cache
 * and a row costs less to fill.
 */
function classesOf(kids: Kids): { classOf: Uint8Array; width: number } {
  const classOf = new Uint8Array(ALPHA);
  let width = 1;
  const { kidData } = kids;
  for (let j = 0; j < kidData.length; j += 2) {
    const c = kidData[j]!;
    if (classOf[c] !== 0) continue;
    classOf[c] = width;
    if (c >= 97 && c <= 122) classOf[c - 32] = width;
    width++;
  }
  // width 1 (no keywords) would make row offset 1's negation collide with UNFILLED
  return { classOf, width: Math.max(2, width) };
}

/** A compiled keyword set; each keyword carries a payload (e.g. a rule index). */
export class KeywordAutomaton<T> {
  /**
   * Rows of `width` entries (one per character class), allocated as states are first reached:
   * delta[row + class] is the next state's row offset, negated when that state reports keywords,
   * or UNFILLED.
   */
  private delta: Int32Array;
  private rows = 0;
  private readonly width: number;
  /** The scan's place between runs of its hot loop: position, state row, hits found. */
  private at = 0;
  private row = 0;
  private readonly hits = new Int32Array(512);
  private readonly classOf: Uint8Array;
  /** State → row offset (-1: none yet), and row number → state. */
  private readonly rowOf: Int32Array;
  private stateOf: Int32Array;
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
      // sized up front: entries set far apart in an empty array would turn it into a slow dictionary
      this.outs = new Array(t.fail.length);
    }
    ({ classOf: this.classOf, width: this.width } = classesOf(this.kids));
    this.delta = new Int32Array(this.width * 256);
    this.stateOf = new Int32Array(256);
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
      const { width } = this;
      if (this.rows === this.stateOf.length) {
        const states = new Int32Array(this.rows * 2);
        states.set(this.stateOf);
        this.stateOf = states;
        const grown = new Int32Array(this.delta.length * 2);
        grown.set(this.delta);
        this.delta = grown;
      }
      this.stateOf[this.rows] = s;
      row = this.rows++ * width;
      this.delta.fill(UNFILLED, row, row + width);
      this.rowOf[s] = row;
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

  /** Computes a row: its failure state's row, then its own children. */
  private fill(row: number): void {
    const { width, classOf } = this;
    const s = this.stateOf[(row / width) | 0]!;
    const { kidStart, kidData } = this.kids;
    let from = -1;
    if (s !== 0) {
      from = this.ref(this.fail[s]!);
      if (from < 0) from = -from;
      if (this.delta[from] === UNFILLED) this.fill(from);
    }
    // refs first: they may grow (replace) the table
    for (let j = kidStart[s]!, end = kidStart[s + 1]!; j < end; j += 2) this.ref(kidData[j + 1]!);
    const { delta } = this;
    if (from === -1) delta.fill(0, row, row + width);
    else delta.copyWithin(row, from, from + width);
    for (let j = kidStart[s]!, end = kidStart[s + 1]!; j < end; j += 2)
      delta[row + classOf[kidData[j]!]!] = this.ref(kidData[j + 1]!);
  }

  /**
   * The hot loop, with no calls in it (so it compiles small and fast): runs from `at` in state row
   * `row` until the text ends, an entry is unfilled (`stalled`) or the hit buffer is full, leaving
   * [end, row] pairs in `hits`; returns how many numbers it wrote.
   */
  private step(text: string): number {
    const { classOf, delta, hits } = this;
    const n = text.length;
    const cap = hits.length;
    let s = this.row;
    let i = this.at;
    let h = 0;
    while (i < n) {
      const t = delta[s + classOf[text.charCodeAt(i) & 127]!]!;
      if (t >= 0) {
        s = t;
        i++;
        continue;
      }
      if (t === UNFILLED) break;
      s = -t;
      i++;
      hits[h] = i;
      hits[h + 1] = s;
      h += 2;
      if (h === cap) break;
    }
    this.row = s;
    this.at = i;
    return h;
  }

  /** Calls onHit(end, payloads) for every position where one or more keywords end (end exclusive). */
  scan(text: string, onHit: (end: number, payloads: readonly T[]) => void): void {
    const { hits, outs, width } = this;
    this.row = 0;
    this.at = 0;
    while (this.at < text.length) {
      const h = this.step(text);
      for (let k = 0; k < h; k += 2) {
        const state = this.stateOf[(hits[k + 1]! / width) | 0]!;
        onHit(hits[k]!, (outs[state] ?? this.outsAt(state))!);
      }
      // stopped at an entry not computed yet (not at a full buffer): compute its row, go on
      if (h < hits.length && this.at < text.length) this.fill(this.row);
    }
  }
}
