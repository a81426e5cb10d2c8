/**
 * What encoding a text is in, told from its first bytes, and a streaming decoder for it: UTF-8
 * (a BOM dropped), UTF-16 LE and BE with a BOM, and UTF-16 without one, told by where its zero
 * bytes fall (ASCII text in UTF-16 has a zero in every other byte). Anything else with a zero
 * byte is binary, as git and ripgrep decide.
 */
import { StringDecoder } from "node:string_decoder";

/** How an item's bytes are read. */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "binary";

/** How far into an item the decision looks (git's and ripgrep's binary check look as far). */
export const SNIFF_BYTES = 8000;

/**
 * The encoding told by the first bytes. Without a BOM, UTF-16 needs most odd (LE) or even (BE)
 * bytes to be zero and none of the others, and no zero pair on a character boundary (UTF-32,
 * or binary data full of zeros).
 */
export function sniffEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  const le = head[0] === 0xff && head[1] === 0xfe;
  // a UTF-16 BOM, unless no zero byte follows: UTF-16 text without one is all CJK on one line
  if ((le || (head[0] === 0xfe && head[1] === 0xff)) && (head.length <= 4 || head.indexOf(0, 2) !== -1)) {
    if (!le) return "utf-16be";
    if (!(head[2] === 0 && head[3] === 0)) return "utf-16le"; // FF FE 00 00 is UTF-32
  }
  const window = head.length > SNIFF_BYTES ? head.subarray(0, SNIFF_BYTES) : head;
  if (window.indexOf(0) === -1) return "utf-8"; // most items: one native scan decides
  const n = window.length & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    const a = head[i] === 0;
    const b = head[i + 1] === 0;
    if (a && b) return "binary";
    if (a) even++;
    if (b) odd++;
  }
  if (!even && !odd) return "binary"; // the zero is the odd last byte
  // mostly ASCII in UTF-16: a zero in at least half the characters, on one side only
  const enough = Math.max(2, n / 4);
  if (odd >= enough && even * 20 <= odd) return "utf-16le";
  if (even >= enough && odd * 20 <= even) return "utf-16be";
  return "binary";
}

/** A decoder of bytes read in order: text in its encoding (a BOM dropped), or binary as latin1. */
export interface ByteDecoder {
  write(b: Uint8Array): string;
  end(): string;
}

/**
 * The decoder for an encoding. StringDecoder is several times TextDecoder's speed for UTF-8 and
 * UTF-16LE; BE only has TextDecoder. Binary is one character per byte (latin1), so a byte-level
 * copy of an ASCII secret stays findable.
 */
export function byteDecoder(encoding: Encoding): ByteDecoder {
  if (encoding === "binary")
    return { write: (b) => Buffer.from(b.buffer, b.byteOffset, b.length).toString("latin1"), end: () => "" };
  const dec =
    encoding === "utf-16be"
      ? new TextDecoder("utf-16be")
      : new StringDecoder(encoding === "utf-8" ? "utf8" : "utf16le");
  let first = true;
  const bom = (t: string) => {
    if (!first || !t) return t;
    first = false;
    return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
  };
  return {
    write: (b) => bom(dec instanceof TextDecoder ? dec.decode(b, { stream: true }) : dec.write(b as Buffer)),
    end: () => bom(dec instanceof TextDecoder ? dec.decode() : dec.end()),
  };
}

/** Decodes a byte stream in the given encoding, as a stream of strings. */
async function* decodeWith(bytes: AsyncIterable<Uint8Array>, encoding: Encoding): AsyncGenerator<string> {
  const dec = byteDecoder(encoding);
  for await (const b of bytes) {
    const t = dec.write(b);
    if (t) yield t;
  }
  const rest = dec.end();
  if (rest) yield rest;
}

/** Decodes a byte stream in the given text encoding, as a stream of strings (a BOM dropped). */
export function decodeText(
  bytes: AsyncIterable<Uint8Array>,
  encoding: Exclude<Encoding, "binary">,
): AsyncGenerator<string> {
  return decodeWith(bytes, encoding);
}

/** Bytes as one character each (latin1): a byte-level copy of an ASCII secret stays findable. */
export function decodeBytes(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  return decodeWith(bytes, "binary");
}
