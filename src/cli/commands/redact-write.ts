/**
 * Writing sanitized copies: every found copy replaced by its redacted form. A HAR is rewritten
 * through its parsed structure (base64 bodies decoded, redacted, re-encoded) so the output is
 * still valid HAR JSON; a log is streamed through a replacer that holds back a tail as long as
 * the longest copy, so a copy across two reads is still replaced.
 */

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { sniffEncoding } from "../../content/decode.js";
import { redact } from "../../secret.js";

const CSI = "(?:\\x1b\\[[0-?]*[ -/]*[@-~])*";
const CSI_ALL = /\x1b\[[0-?]*[ -/]*[@-~]/g;
const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A matcher for any of the copies (longest first), or undefined when there are none. With
 * `ansi`, colour escapes may sit between the characters of a copy, as they can in a log where
 * the scan saw the copy only after stripping them.
 */
export function copiesPattern(values: Iterable<string>, ansi = false): RegExp | undefined {
  const list = [...new Set(values)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  if (!list.length) return undefined;
  const one = (v: string) => (ansi ? [...v].map(escapeRe).join(CSI) : escapeRe(v));
  return new RegExp(list.map(one).join("|"), "g");
}

/** The redacted form of a matched copy (escapes dropped first). */
function redactCopy(m: string): string {
  return redact(m.includes("\x1b") ? m.replace(CSI_ALL, "") : m);
}

/** Replaces every copy in a string; counts replacements in `n`. */
export function redactString(text: string, re: RegExp, n: { count: number }): string {
  return text.replace(re, (m) => {
    n.count++;
    return redactCopy(m);
  });
}

/** Redacts every string of a parsed HAR in place, decoding base64 bodies to look inside them. */
export function redactHar(node: unknown, re: RegExp, n: { count: number }): unknown {
  if (typeof node === "string") return redactString(node, re, n);
  if (Array.isArray(node)) return node.map((v) => redactHar(v, re, n));
  if (typeof node !== "object" || node === null) return node;
  const obj = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) obj[k] = redactHar(v, re, n);
  if (obj.encoding === "base64" && typeof obj.text === "string") {
    const before = n.count;
    const bytes = Buffer.from(obj.text, "base64");
    // a binary body is read one character per byte, so every byte but the copies comes back as it was
    const as = sniffEncoding(bytes) === "binary" ? "latin1" : "utf8";
    const clean = bytes.toString(as).replace(re, (m) => {
      n.count++;
      return as === "latin1" ? Buffer.from(redactCopy(m)).toString("latin1") : redactCopy(m);
    });
    if (n.count > before) obj.text = Buffer.from(clean, as).toString("base64");
  }
  return obj;
}

/**
 * Replaces copies in a text given in pieces, holding back a tail as long as the longest copy
 * (`longest`), so a copy across two pieces is still replaced.
 */
export class StreamRedactor {
  private carry = "";
  constructor(
    private readonly re: RegExp,
    private readonly longest: number,
    readonly n = { count: 0 },
  ) {}

  /** The redacted text that is complete now. */
  push(piece: string): string {
    const { re } = this;
    const text = this.carry + piece;
    // copies starting before `safe` are complete in `text`; later ones may go on in the next piece
    const safe = Math.max(0, text.length - this.longest + 1);
    let last = 0;
    let done = "";
    re.lastIndex = 0;
    for (let m = re.exec(text); m && m.index < safe; m = re.exec(text)) {
      done += text.slice(last, m.index) + redactCopy(m[0]);
      this.n.count++;
      last = m.index + m[0].length;
    }
    const keepFrom = Math.max(last, safe);
    this.carry = text.slice(keepFrom);
    return done + text.slice(last, keepFrom);
  }

  /** The rest, redacted. */
  end(): string {
    const rest = redactString(this.carry, this.re, this.n);
    this.carry = "";
    return rest;
  }
}

/** A file written in order, waiting when the stream asks to (mode 0600). */
export function fileWriter(output: string) {
  const out = createWriteStream(output, { mode: 0o600 });
  return {
    write: async (s: string) => {
      if (s && !out.write(s)) await once(out, "drain");
    },
    close: async () => {
      out.end();
      await once(out, "close");
    },
  };
}

/** Streams `input` to `output` with every copy redacted; resolves to the number replaced. */
export async function redactLogFile(
  input: string,
  output: string,
  re: RegExp,
  longest: number,
): Promise<number> {
  const out = fileWriter(output);
  const r = new StreamRedactor(re, longest);
  const dec = new TextDecoder();
  for await (const b of createReadStream(input, { highWaterMark: 1 << 20 }))
    await out.write(r.push(dec.decode(b as Buffer, { stream: true })));
  await out.write(r.push(dec.decode()) + r.end());
  await out.close();
  return r.n.count;
}
