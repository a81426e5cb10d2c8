/**
 * Where each string of a HAR's `log.entries` sits in the raw file. JSON.parse gives the values
 * but no positions, so one extra pass over the text records the offset, line and column of
 * every string value under `log.entries`, keyed by its path; and a decoded offset inside a JSON
 * string is mapped back through its escapes to an exact column.
 */

/** Where a string value starts: offset, 1-based line and column of its opening quote. */
export interface StringSpot {
  offset: number;
  line: number;
  column: number;
}

/** Path key of a value under log.entries: entry index and the keys/indices below it. */
export function spotKey(path: (string | number)[]): string {
  return path.join("\u0000");
}

const FIELD_KEYS = new Set<string | number>(["value", "url", "text", "data", "redirectURL"]);

/**
 * Records the spot of the string values under log.entries that fields are read from (keys relative
 * to log.entries). `root` is the path of `text` in the HAR when it is a part of one (an entry:
 * `["log", "entries", 3]`); its spots are then relative to the start of `text`.
 */
export function entrySpots(text: string, root: (string | number)[] = []): Map<string, StringSpot> {
  const spots = new Map<string, StringSpot>();
  const path: (string | number)[] = [...root];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  const ws = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13) break;
    }
  };
  const stringEnd = (from: number) => {
    let j = from + 1;
    for (;;) {
      j = text.indexOf('"', j);
      if (j === -1) throw new SyntaxError("unterminated string");
      let k = j - 1;
      while (text.charCodeAt(k) === 92) k--;
      if ((j - 1 - k) % 2 === 0) return j + 1;
      j++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 512) throw new SyntaxError("nested too deeply");
    ws();
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      i++;
      ws();
      if (text.charCodeAt(i) === 125) {
        i++;
        return;
      }
      for (;;) {
        ws();
        const keyEnd = stringEnd(i);
        const key = text.slice(i + 1, keyEnd - 1);
        path.push(key.includes("\\") ? (JSON.parse(text.slice(i, keyEnd)) as string) : key);
        i = keyEnd;
        ws();
        i++; // ':'
        value(depth + 1);
        path.pop();
        ws();
        if (text.charCodeAt(i++) === 125) return;
      }
    } else if (c === 91 /* [ */) {
      i++;
      ws();
      if (text.charCodeAt(i) === 93) {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        path.push(k);
        value(depth + 1);
        path.pop();
        ws();
        if (text.charCodeAt(i++) === 93) return;
      }
    } else if (c === 34 /* " */) {
      const end = stringEnd(i);
      // only the keys har-fields.ts reads (value, url, text, data, redirectURL) are ever looked up
      if (path[1] === "entries" && FIELD_KEYS.has(path[path.length - 1]!) && path[0] === "log")
        spots.set(spotKey(path.slice(2)), { offset: i, line, column: i - lineStart + 1 });
      i = end;
    } else {
      // a number, true, false or null: up to the next delimiter
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
      }
    }
  };
  value(0);
  return spots;
}

/**
 * Walks a raw JSON string value forward from its opening quote, mapping decoded offsets to raw
 * ones without holding the decoded value; linear however often it is advanced (each backslash
 * is searched for once).
 */
export class RawWalker {
  /** Index in the text of the value's first raw character, and of decoded character `dec`. */
  private readonly first: number;
  private pos: number;
  private dec = 0;
  /** The first backslash at or after `from` (-1: none). */
  private from = -1;
  private slash = -1;
  constructor(
    private readonly text: string,
    quote: number,
  ) {
    this.first = quote + 1;
    this.pos = this.first;
  }

  /** Raw index (from after the opening quote) of the decoded offset reached. */
  get raw(): number {
    return this.pos - this.first;
  }

  /** A walker at the same place that moves on its own. */
  clone(): RawWalker {
    const w = new RawWalker(this.text, this.first - 1);
    w.pos = this.pos;
    w.dec = this.dec;
    w.from = this.from;
    w.slash = this.slash;
    return w;
  }

  private nextSlash(): number {
    if (this.from === -1 || this.pos < this.from || (this.slash !== -1 && this.pos > this.slash)) {
      this.from = this.pos;
      this.slash = this.text.indexOf("\\", this.pos);
    }
    return this.slash;
  }

  /** Moves to decoded offset `to`; `onEscape` hears of each escape passed (its decoded offset, raw characters added). */
  advance(to: number, onEscape?: (dec: number, more: number) => void): void {
    while (this.dec < to) {
      const b = this.nextSlash();
      const at = b === -1 ? Number.POSITIVE_INFINITY : this.dec + (b - this.pos);
      if (at >= to) {
        this.pos += to - this.dec;
        this.dec = to;
        return;
      }
      const len = this.text.charCodeAt(b + 1) === 117 /* u */ ? 6 : 2;
      onEscape?.(at, len - 1);
      this.pos = b + len;
      this.dec = at + 1;
    }
  }
}
