/**
 * The built-in catalog's keyword automaton, saved by `npm run build` (dist/detectors/
 * catalog-automaton.bin) and loaded by a scan instead of building the trie and its failure
 * links again (a tenth of a pre-commit hook's time). It is used only for exactly the keyword list
 * it was built from (a hash of it heads the file): `--rules`, `--detectors` or an edited catalog
 * build their own.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type AutomatonTables, KeywordAutomaton } from "./aho-corasick.js";

/** Where the build saves the built-in catalog's automaton. */
export const PREBUILT_FILE = fileURLToPath(new URL("../detectors/catalog-automaton.bin", import.meta.url));

/** The file's format: a change of layout or hash changes it, and an old file is then ignored. */
const FORMAT = 1;
/** The header's bytes: the keyword list's hash (format, two hashes, characters). */
const HEAD = 16;
/** The tables in file order, each an Int32 length then its entries. */
const PARTS: (keyof AutomatonTables)[] = ["kidStart", "kidData", "fail", "outOf", "outStart", "outData"];

/**
 * The hash of a keyword list (keywords and payloads, in order): two 32-bit FNV-1a hashes with
 * different seeds and the list's length, as 16 bytes. It tells the saved list from a changed one;
 * no input is adversarial here, and a character loop costs a fraction of building one string to hash.
 */
function keywordHash(keywords: { keyword: string; payload: number }[]): Buffer {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ keywords.length;
  let chars = 0;
  for (const { keyword, payload } of keywords) {
    for (let i = 0; i < keyword.length; i++) {
      const c = keyword.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x050c5d1f);
    }
    a = Math.imul(a ^ (payload & 0xffff) ^ 0x10000, 0x01000193);
    b = Math.imul(b ^ (payload >>> 16) ^ 0x20000, 0x050c5d1f);
    chars += keyword.length;
  }
  return Buffer.from(Uint32Array.of(FORMAT, a >>> 0, b >>> 0, chars).buffer);
}

/** Saves the automaton of a keyword list (the build). */
export function savePrebuilt(keywords: { keyword: string; payload: number }[], file = PREBUILT_FILE): void {
  const t = new KeywordAutomaton(keywords).tables();
  const ints = PARTS.flatMap((p) => [t[p].length, ...t[p]]);
  writeFileSync(file, Buffer.concat([keywordHash(keywords), Buffer.from(Int32Array.from(ints).buffer)]));
}

/** The saved automaton when it was built from exactly these keywords, else undefined. */
export function prebuiltAutomaton(
  keywords: { keyword: string; payload: number }[],
  file = PREBUILT_FILE,
): KeywordAutomaton<number> | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buf.length < HEAD || buf.length % 4 || !buf.subarray(0, HEAD).equals(keywordHash(keywords)))
    return undefined;
  // a copy: the file's bytes may not sit at a multiple of 4 in their buffer
  const ints = new Int32Array(buf.buffer.slice(buf.byteOffset + HEAD, buf.byteOffset + buf.length));
  const t = {} as AutomatonTables;
  let at = 0;
  for (const part of PARTS) {
    const n = ints[at++] ?? -1;
    if (n < 0 || at + n > ints.length) return undefined;
    t[part] = ints.subarray(at, at + n);
    at += n;
  }
  return new KeywordAutomaton<number>(t);
}
