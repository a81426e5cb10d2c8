/**
 * Streams the elements of one array inside a JSON text (a HAR's `log.entries`) with where each
 * starts in the file, so a capture of any size is read one entry at a time (issue 16: a 238 MB
 * HAR parsed whole peaked at 2.5 GB). A small scanner follows the nesting and cuts out each
 * element's text; JSON.parse then reads the element. The npm streaming JSON parsers
 * (stream-json, @streamparser/json, jsonparse) give values but not the line and column a finding
 * needs, which is why this scanner exists.
 */

/** One element of the array: its raw text and where it starts (1-based line and column). */
export interface JsonElement {
  text: string;
  line: number;
  column: number;
  index: number;
}

/** How the text ended: whether the array was met, and an element cut short by the end. */
export interface ElementsEnd {
  found: boolean;
  /** Elements yielded. */
  count: number;
  truncated?: JsonElement;
}

interface Frame {
  obj: boolean;
  /** The key being read or last read (objects). */
  key: string;
  wantKey: boolean;
  /** This is the array whose elements are cut out. */
  emit: boolean;
}

/** Scanner state, kept across pieces; each piece is scanned once (no re-scan of a growing buffer). */
class Scan {
  /** Characters before the current piece, and where the current line starts. */
  base = 0;
  line = 1;
  lineStart = 0;
  stack: Frame[] = [];
  inString = false;
  /** The previous piece ended inside a string on a backslash: the next character is escaped. */
  escaped = false;
  /** The string being read is an object key: its raw text so far. */
  key: string | undefined;
  /** The element being cut out: its earlier pieces, where it starts in this piece, its place. */
  parts: string[] = [];
  from = -1;
  depth = 0;
  at = { line: 1, column: 1 };
  count = 0;
  found = false;
  constructor(readonly path: readonly string[]) {}

  /** True when a `[` now opened sits at `path` (every enclosing frame an object at its key). */
  isTarget(): boolean {
    const p = this.path;
    return this.stack.length === p.length && this.stack.every((f, i) => f.obj && f.key === p[i]);
  }
}

const QUOTE_OR_ESCAPE = /["\\]/g;

/** Reads string characters from `pos`; returns where scanning goes on (the piece's end if the string does). */
function inString(s: Scan, p: string, pos: number): number {
  let i = pos;
  if (s.escaped) {
    s.escaped = false;
    i++;
  }
  QUOTE_OR_ESCAPE.lastIndex = i;
  for (let m = QUOTE_OR_ESCAPE.exec(p); m; m = QUOTE_OR_ESCAPE.exec(p)) {
    if (m[0] === "\\") {
      if (m.index + 1 >= p.length) s.escaped = true;
      QUOTE_OR_ESCAPE.lastIndex = m.index + 2;
      continue;
    }
    s.inString = false;
    if (s.key !== undefined) {
      const raw = s.key + p.slice(pos, m.index);
      s.stack.at(-1)!.key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
      s.key = undefined;
    }
    return m.index + 1;
  }
  if (s.key !== undefined) s.key += p.slice(pos);
  return p.length;
}

/** Handles one character outside strings at `i`; returns an element when one just closed. */
function step(s: Scan, p: string, i: number): JsonElement | undefined {
  const c = p.charCodeAt(i);
  const top = s.stack.at(-1);
  if (c === 34) {
    s.inString = true;
    s.key = top?.obj && top.wantKey ? "" : undefined;
  } else if (c === 123 || c === 91) {
    if (top?.emit && s.from === -1) {
      s.from = i;
      s.depth = s.stack.length;
      s.at = { line: s.line, column: s.base + i - s.lineStart + 1 };
    }
    const emit = c === 91 && s.from === -1 && s.isTarget();
    if (emit) s.found = true;
    s.stack.push({ obj: c === 123, key: "", wantKey: true, emit });
  } else if (c === 125 || c === 93) {
    if (!s.stack.pop()) throw new SyntaxError(`unexpected "${String.fromCharCode(c)}" at line ${s.line}`);
    if (s.from !== -1 && s.stack.length === s.depth) {
      const text = s.parts.join("") + p.slice(s.from, i + 1);
      s.parts = [];
      s.from = -1;
      return { text, ...s.at, index: s.count++ };
    }
  } else if (c === 58 && top?.obj) top.wantKey = false;
  else if (c === 44 && top?.obj) top.wantKey = true;
  else if (c === 10) {
    s.line++;
    s.lineStart = s.base + i + 1;
  }
  return undefined;
}

/**
 * Yields each element of the array at `path` (`["log", "entries"]`) of a JSON text given in pieces.
 * `outside`, when given, gets the text between elements (and before and after them) in order, each
 * piece before the element that follows it (`redact` copies it through).
 */
export async function* arrayElements(
  pieces: AsyncIterable<string>,
  path: readonly string[],
  outside?: (text: string) => void,
): AsyncGenerator<JsonElement, ElementsEnd> {
  const s = new Scan(path);
  for await (const p of pieces) {
    let out = 0;
    for (let i = 0; i < p.length; ) {
      if (s.inString) {
        i = inString(s, p, i);
        continue;
      }
      const before = s.from;
      const el = step(s, p, i);
      if (outside && before === -1 && s.from !== -1) outside(p.slice(out, i));
      i++;
      if (el) {
        out = i;
        yield el;
      }
    }
    if (outside && s.from === -1 && out < p.length) outside(p.slice(out));
    if (s.from !== -1) {
      s.parts.push(p.slice(s.from));
      s.from = 0;
    }
    s.base += p.length;
  }
  const end = { found: s.found, count: s.count };
  return s.from === -1 ? end : { ...end, truncated: { text: s.parts.join(""), ...s.at, index: s.count } };
}
