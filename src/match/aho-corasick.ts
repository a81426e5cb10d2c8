/**
 * A keyword automaton (Aho–Corasick compiled to a full DFA over ASCII, case-folded): one pass
 * over the text reports every keyword occurrence, so the prefilter's cost does not grow with
 * the number of rules. The inner loop is one table load per character: case folding is built
 * into the table, and states that report keywords are numbered last so one comparison spots
 * them. Non-ASCII characters are folded onto ASCII (`& 127`): that can only add candidate hits,
 * which the rules' regexes then reject, never lose one.
 */

const ALPHA = 128;

/** A compiled keyword set; each keyword carries a payload (e.g. a rule index). */
export class KeywordAutomaton<T> {
  /** delta[state * 128 + c] = next state * 128 (pre-multiplied). */
  private readonly delta: Int32Array;
  /** Pre-multiplied number of the first state that reports keywords. */
  private readonly firstOut: number;
  /** Payloads reported by state (firstOut / 128 + k). */
  private readonly outputs: T[][];

  constructor(keywords: { keyword: string; payload: T }[]) {
    const goto: Map<number, number>[] = [new Map()];
    const own: T[][] = [[]];
    for (const { keyword, payload } of keywords) {
      let s = 0;
      for (const ch of keyword.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (c >= ALPHA || c === 0) throw new Error(`keyword "${keyword}" must be ASCII`);
        let next = goto[s]!.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          own.push([]);
          goto[s]!.set(c, next);
        }
        s = next;
      }
      if (!own[s]!.includes(payload)) own[s]!.push(payload);
    }
    const { delta, outs } = buildDfa(goto, own);
    // renumber: root first, then silent states, then reporting states
    const n = goto.length;
    const order = [
      0,
      ...[...Array(n).keys()].slice(1).sort((a, b) => +!!outs[a]!.length - +!!outs[b]!.length),
    ];
    const id = new Int32Array(n);
    order.forEach((s, i) => {
      id[s] = i;
    });
    const firstOutState = order.findIndex((s) => outs[s]!.length > 0);
    this.firstOut = (firstOutState === -1 ? n : firstOutState) * ALPHA;
    this.delta = new Int32Array(n * ALPHA);
    for (let s = 0; s < n; s++)
      for (let c = 0; c < ALPHA; c++) {
        const folded = c >= 65 && c <= 90 ? c + 32 : c;
        this.delta[id[s]! * ALPHA + c] = id[delta[s * ALPHA + folded]!]! * ALPHA;
      }
    this.outputs = order.slice(firstOutState === -1 ? n : firstOutState).map((s) => outs[s]!);
  }

  /** Calls onHit(end, payloads) for every position where one or more keywords end (end exclusive). */
  scan(text: string, onHit: (end: number, payloads: readonly T[]) => void): void {
    const { delta, firstOut, outputs } = this;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      s = delta[s + (text.charCodeAt(i) & 127)]!;
      if (s >= firstOut) onHit(i + 1, outputs[(s - firstOut) >>> 7]!);
    }
  }
}

/** The goto/failure construction: a full transition table and each state's payloads. */
function buildDfa<T>(goto: Map<number, number>[], own: T[][]): { delta: Int32Array; outs: T[][] } {
  const n = goto.length;
  const delta = new Int32Array(n * ALPHA);
  const fail = new Int32Array(n);
  const outs = own.map((o) => [...o]);
  const queue: number[] = [];
  for (let c = 0; c < ALPHA; c++) {
    const t = goto[0]!.get(c);
    if (t !== undefined) {
      delta[c] = t;
      queue.push(t);
    }
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    for (const p of outs[f]!) if (!outs[s]!.includes(p)) outs[s]!.push(p);
    for (let c = 0; c < ALPHA; c++) {
      const t = goto[s]!.get(c);
      if (t === undefined) delta[s * ALPHA + c] = delta[f * ALPHA + c]!;
      else {
        fail[t] = delta[f * ALPHA + c]!;
        delta[s * ALPHA + c] = t;
        queue.push(t);
      }
    }
  }
  return { delta, outs };
}
