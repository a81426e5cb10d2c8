/**
 * A keyword automaton (Aho–Corasick compiled to a full DFA over ASCII, case-folded): one pass
 * over the text reports every keyword occurrence, so the prefilter's cost does not grow with
 * the number of rules. Non-ASCII characters reset the automaton (keywords are ASCII).
 */

const ALPHA = 128;

/** Case-folding class of each ASCII code; non-ASCII maps to 0, which no keyword contains. */
const FOLD = new Uint8Array(ALPHA);
for (let c = 0; c < ALPHA; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c;

/** A compiled keyword set; each keyword carries a payload (e.g. rule indices). */
export class KeywordAutomaton<T> {
  /** delta[state * 128 + c] = next state * 128 (states are pre-multiplied). */
  private readonly delta: Int32Array;
  /** Per state: index into `outputs`, or -1. */
  private readonly out: Int32Array;
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
      own[s]!.push(payload);
    }
    const n = goto.length;
    this.delta = new Int32Array(n * ALPHA);
    const fail = new Int32Array(n);
    const merged: T[][] = own.map((o) => [...o]);
    // breadth-first: each state's transitions default to its failure state's
    const queue: number[] = [];
    for (let c = 0; c < ALPHA; c++) {
      const t = goto[0]!.get(c);
      if (t !== undefined) {
        this.delta[c] = t * ALPHA;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const f = fail[s]!;
      for (const p of merged[f]!) if (!merged[s]!.includes(p)) merged[s]!.push(p);
      for (let c = 0; c < ALPHA; c++) {
        const t = goto[s]!.get(c);
        if (t === undefined) this.delta[s * ALPHA + c] = this.delta[f * ALPHA + c]!;
        else {
          fail[t] = this.delta[f * ALPHA + c]! / ALPHA;
          this.delta[s * ALPHA + c] = t * ALPHA;
          queue.push(t);
        }
      }
    }
    this.out = new Int32Array(n).fill(-1);
    this.outputs = [];
    for (let s = 0; s < n; s++) {
      if (merged[s]!.length) {
        this.out[s] = this.outputs.length;
        this.outputs.push(merged[s]!);
      }
    }
  }

  /** Calls onHit(end, payloads) for every position where one or more keywords end (end exclusive). */
  scan(text: string, onHit: (end: number, payloads: readonly T[]) => void): void {
    const { delta, out, outputs } = this;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      s = delta[s + (c < ALPHA ? FOLD[c]! : 0)]!;
      const o = out[s >>> 7]!; // s / ALPHA
      if (o !== -1) onHit(i + 1, outputs[o]!);
    }
  }
}
