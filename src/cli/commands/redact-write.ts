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

/** Streams `input` to `output` with every copy redacted; resolves to the number replaced. */
export async function redactLogFile(
  input: string,
  output: string,
  re: RegExp,
  longest: number,
): Promise<number> {
  const n = { count: 0 };
  const out = createWriteStream(output, { mode: 0o600 });
  const write = async (s: string) => {
    if (s && !out.write(s)) await once(out, "drain");
  };
  let carry = "";
  const dec = new TextDecoder();
  for await (const b of createReadStream(input, { highWaterMark: 1 << 20 })) {
    const text = carry + dec.decode(b as Buffer, { stream: true });
    // copies starting before `safe` are complete in `text`; later ones may go on in the next read
    const safe = Math.max(0, text.length - longest + 1);
    let last = 0;
    let done = "";
    re.lastIndex = 0;
    for (let m = re.exec(text); m && m.index < safe; m = re.exec(text)) {
      done += text.slice(last, m.index) + redactCopy(m[0]);
      n.count++;
      last = m.index + m[0].length;
    }
    const keepFrom = Math.max(last, safe);
    await write(done + text.slice(last, keepFrom));
    carry = text.slice(keepFrom);
  }
  await write(redactString(carry + dec.decode(), re, n));
  out.end();
  await once(out, "close");
  return n.count;
}
