/**
 * "Encode the needles, not the haystack": the window hashes of a secret's encoded forms (base64
 * and base64url at the three byte alignments, hex in either case, JSON- and URL-escaped forms,
 * and base64 of those escaped forms), so one pass over a text's raw characters finds a place
 * where an encoded copy may be, and only the text around it is decoded (match/known-around.ts).
 *
 * Windows of a form are sampled every t-th offset, t odd: a scan probes every 4th text position,
 * and with t odd (coprime to 4) any 4t consecutive window offsets hold one at a probed position,
 * so every piece of at least 4t + 12 characters of the form is seen. t is chosen so that pieces
 * of three quarters of the form (and every whole copy) are; a form shorter than 16 characters
 * cannot be promised, and a secret with one (or with a PEM block, whose forms vary with line
 * endings) gets no needles: manifests holding one decode all text, as before.
 */
import { randomBytes } from "node:crypto";
import { MIN_WINDOWED, pemBody, WINDOW, windowHash } from "./keys.js";

/** The stable characters of the base64 of bytes placed at byte offset a (mod 3) of a longer blob. */
function base64At(bytes: Buffer, a: number): string {
  const enc = Buffer.concat([Buffer.alloc(a), bytes]).toString("base64");
  return enc.slice(Math.ceil((8 * a) / 6), Math.floor((8 * (a + bytes.length)) / 6));
}

/** The escaped forms a secret's text takes in JSON strings and URLs (the secret itself first). */
function textForms(s: string): string[] {
  const json = JSON.stringify(s).slice(1, -1);
  const out = [s, json, json.replace(/\//g, "\\/").replace(/[\u0080-\uffff]/g, unicodeEscape)];
  try {
    const url = encodeURIComponent(s);
    out.push(
      url,
      url.replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()),
      url.replace(/%20/g, "+"),
    );
  } catch {
    // a lone surrogate has no percent-encoding
  }
  return out;
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * A scan loads needles while a manifest's windows and needles number at most this (64 MB of
 * records, about 200,000 secrets); a bigger one is matched by decoding all text, as format 2 is,
 * so `manifest add` writes no needles into it.
 */
export const NEEDLES_UP_TO = 1 << 24;

/** Every encoded form of s worth a needle (not s itself: its plain windows are all kept). */
export function encodedForms(s: string): string[] {
  const forms = new Set<string>();
  for (const t of textForms(s)) {
    if (t !== s) forms.add(t);
    const bytes = Buffer.from(t, "utf8");
    forms.add(bytes.toString("hex"));
    forms.add(bytes.toString("hex").toUpperCase());
    for (let a = 0; a < 3; a++) {
      const b64 = base64At(bytes, a);
      forms.add(b64);
      forms.add(b64.replace(/\+/g, "-").replace(/\//g, "_"));
      forms.add(b64.replace(/\//g, "\\/"));
      forms.add(b64.replace(/\+/g, "%2B").replace(/\//g, "%2F"));
    }
  }
  forms.delete(s);
  return [...forms];
}

/** The sampling step of a form of F characters: odd, with 4t + 12 ≤ three quarters of F (and ≥ 16). */
export function needleStep(f: number): number {
  const piece = Math.max(MIN_WINDOWED, Math.ceil((3 * f) / 4));
  const t = Math.max(1, Math.floor((piece - 12) / 4));
  return t % 2 ? t : t - 1;
}

/** Needles of one form of F characters. */
function formCount(f: number): number {
  return Math.floor((f - WINDOW) / needleStep(f)) + 1;
}

/**
 * How many needles an entry of a secret of `length` characters holds at least: 5/4 of those of
 * its base64 (three alignments) and hex (two cases) forms, a count that depends on the length
 * alone (above what a secret without characters to escape needs). Entries are padded up to it
 * with random values, indistinguishable from sealed ones, so the count says nothing about the
 * secret's characters; only a secret with characters to escape may need more.
 */
export function needleCount(length: number): number {
  const b64 = Math.floor((8 * length) / 6) - 1;
  return 16 * Math.ceil((5 * (3 * formCount(b64) + 2 * formCount(2 * length))) / 64);
}

/**
 * The needle hashes of a secret, unsealed, or undefined when one of its forms is too short to
 * promise (or it holds a PEM block): then its manifest is matched by decoding all text.
 * `pad` (random hashes up to needleCount, or the next multiple of 16) keeps the count silent.
 */
export function needleHashes(s: string): Uint32Array | undefined {
  if (pemBody(s)) return undefined;
  const hashes = new Set<number>();
  for (const f of encodedForms(s)) {
    if (f.length < MIN_WINDOWED) return undefined;
    const t = needleStep(f.length);
    for (let o = 0; o + WINDOW <= f.length; o += t) hashes.add(windowHash(f, o));
  }
  const n = Math.max(needleCount(s.length), 16 * Math.ceil(hashes.size / 16));
  const out = new Uint32Array(n);
  out.set([...hashes]);
  const fill = randomBytes(4 * (n - hashes.size));
  out.set(new Uint32Array(fill.buffer, fill.byteOffset, n - hashes.size), hashes.size);
  return out;
}
