/**
 * Randomness by alphabet, for rules that see a value without a provider's prefix (the generic
 * family): a value must look drawn at random, with an entropy cut-off that depends on its
 * alphabet and length. Shannon entropy of n random characters from k symbols tops out near
 * log2(min(n, k)); the cut-offs sit at about the 1st percentile of truly random values, measured
 * by simulation: hex 4 − 24/n bits (2.5 at 16 characters, 3.25 at 32), alphanumeric and base64
 * 0.8 × log2(min(n, 62 or 64)). Words and identifiers (`NEXUS-GPT4-API-KEY`, `getUserSettings`)
 * are not random whatever their entropy: a value whose every segment is a word is refused.
 */
import { base64Text } from "../base64-text.js";
import { shannonEntropy } from "../entropy.js";

/** Shortest value judged: shorter ones cannot show randomness. */
const MIN_LENGTH = 16;

/** One segment that reads as a word: Capitalised, lower, UPPER, optionally with trailing digits, or a number. */
const WORD = /^(?:[A-Z]?[a-z]+|[A-Z]+)\d{0,4}$|^\d+$/;

/** True when every separator-delimited segment of the value is a word (identifiers, constants, prose). */
export function isWordy(value: string): boolean {
  const parts = value.split(/[-_.:/+=~]+/).filter(Boolean);
  if (!parts.length) return true;
  // camelCase or PascalCase identifiers split into their words too
  const words = parts.flatMap((p) => p.split(/(?<=[a-z0-9])(?=[A-Z])/));
  // a word of four letters or more has a vowel (random runs of capitals or lower case mostly do not)
  return words.every((w) => WORD.test(w) && (!/[A-Za-z]{4}/.test(w) || /[aeiouy]/i.test(w)));
}

/** The entropy a random value of this alphabet and length reaches in 99% of draws. */
export function randomEntropyCutoff(value: string): number {
  const n = value.length;
  if (/^[0-9a-f]+$/.test(value) || /^[0-9A-F]+$/.test(value)) return 4 - 24 / n;
  // the alphabet's size from the classes present: lower, upper, digits, symbols
  const k =
    (/[a-z]/.test(value) ? 26 : 0) +
    (/[A-Z]/.test(value) ? 26 : 0) +
    (/\d/.test(value) ? 10 : 0) +
    (/[^A-Za-z0-9]/.test(value) ? 2 : 0);
  return 0.8 * Math.log2(Math.min(n, k));
}

/** A file path or URL path (`../lib/x.js`, `/etc/app/key.pem`), not a token. */
const PATH = /^\.{0,2}\/|\/[\w.-]{1,80}\.[a-z]{1,5}$/;

/**
 * True when the value looks random; a base64 value that holds text (a Kubernetes Secret's data,
 * `ZHVtbXk…` for "dummy…") is judged by that text.
 */
export function isRandom(value: string): boolean {
  if (PATH.test(value)) return false;
  const text = base64Text(value);
  return looksRandom(text ?? value);
}

/** True when the value looks drawn at random from its alphabet (`0x` hex and dashed hex, a UUID token, as hex). */
function looksRandom(raw: string): boolean {
  const value = /^(?:0x)?[0-9a-f]+(?:-[0-9a-f]+)*$/i.test(raw) ? raw.replace(/^0x|-/gi, "") : raw;
  if (value.length < MIN_LENGTH || isWordy(value)) return false;
  const hex = /^[0-9a-f]+$/i.test(value);
  // a random token mixes classes: hex letters and digits; else digits, symbols or both cases
  if (hex ? !/\d/.test(value) || !/[a-f]/i.test(value) : !/[A-Za-z]/.test(value)) return false;
  if (!hex && !/[\d+/=]/.test(value) && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) return false;
  return shannonEntropy(value) >= randomEntropyCutoff(value);
}
