/**
 * Streams the issues out of a REST-shaped Jira export without parsing the whole file: a small
 * scanner tracks JSON nesting and parses each element of the root array, or of an `issues`
 * array, on its own. Memory holds one issue (or one page) at a time, whatever the file size.
 */

interface Frame {
  obj: boolean;
  /** Array whose object elements are emitted (the root array, or an `issues` array). */
  emit: boolean;
  /** Object state: reading a key or a value. */
  wantKey: boolean;
}

/** What the scanner found at the end: whether it emitted anything and the root's kind. */
export interface StreamEnd {
  emitted: number;
  root: "object" | "array" | "other";
}

/**
 * Yields the parsed elements (issues, or pages holding `issues`) of a JSON text given in pieces.
 * Returns how many it emitted; throws on malformed or truncated JSON.
 */
export async function* streamElements(pieces: AsyncIterable<string>): AsyncGenerator<unknown, StreamEnd> {
  const stack: Frame[] = [];
  let buf = "";
  let pos = 0;
  let start = -1;
  let startDepth = 0;
  let inString = false;
  let escaped = false;
  let key = "";
  let lastKey = "";
  let emitted = 0;
  let root: StreamEnd["root"] = "other";
  for await (const piece of pieces) {
    buf += piece;
    for (; pos < buf.length; pos++) {
      const c = buf[pos]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') {
          inString = false;
          const top = stack.at(-1);
          if (top?.obj && top.wantKey) lastKey = key;
        } else if (key.length < 64) key += c;
        continue;
      }
      const top = stack.at(-1);
      if (c === '"') {
        inString = true;
        key = "";
      } else if (c === "{" || c === "[") {
        if (!stack.length) root = c === "{" ? "object" : "array";
        if (c === "{" && top?.emit && start === -1) {
          start = pos;
          startDepth = stack.length;
        }
        // the root array, or the root object's `issues`; arrays nested deeper belong to their element
        const emit =
          c === "[" && (!stack.length || (stack.length === 1 && !!top?.obj && lastKey === "issues"));
        stack.push({ obj: c === "{", emit, wantKey: true });
      } else if (c === "}" || c === "]") {
        if (!stack.pop()) throw new Error(`unexpected "${c}"`);
        if (start !== -1 && stack.length === startDepth) {
          yield JSON.parse(buf.slice(start, pos + 1));
          emitted++;
          start = -1;
        }
      } else if (c === ":" && top?.obj) top.wantKey = false;
      else if (c === "," && top?.obj) top.wantKey = true;
    }
    // keep only the element being read
    const keep = start === -1 ? buf.length : start;
    buf = buf.slice(keep);
    pos -= keep;
    if (start !== -1) start = 0;
  }
  if (inString || stack.length) throw new Error("truncated JSON");
  return { emitted, root };
}
