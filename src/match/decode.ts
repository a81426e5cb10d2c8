/**
 * Decoded views of a text, so that matchers find secrets in the forms copies take: base64 and
 * base64url runs (at every character alignment, so any byte alignment of a secret inside a longer
 * blob decodes right in one of them), hex runs, percent-encoded and backslash-escaped segments.
 * Candidate runs come from one cheap regex or indexOf pass, so the cost stays linear; views of
 * binary-looking bytes are dropped. Views nest to `depth` (base64 inside JSON and the like).
 */

/** A decoded piece of text; start/end is the encoded span in the original text. */
export interface DecodedView {
  text: string;
  form: string;
  start: number;
  end: number;
  /** Maps an offset in `text` to the original text (an end offset when `isEnd`). */
  at(offset: number, isEnd?: boolean): number;
}

const MIN_VIEW = 12;
/** Between views in a joined text: no encoding, secret or rule spans NUL characters. */
export const SEP = "\u0000\u0000\u0000\u0000";

/** True when most bytes are printable ASCII (text), so the view is worth matching. */
function isTextual(bytes: Uint8Array): boolean {
  let ok = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) ok++;
  }
  return ok >= bytes.length * 0.85;
}

/**
 * Cheap test before decoding base64 at one alignment: a byte under 128 puts the first character
 * of its 4-character group in A-Z or a-f, so text-like data passes and most garbage fails.
 */
function groupsLookTextual(text: string, s: number, e: number): boolean {
  let ok = 0;
  let all = 0;
  for (let p = s; p + 4 <= e; p += 4) {
    const c = text.charCodeAt(p);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 102)) ok++;
    all++;
  }
  return all >= 3 && ok >= all * 0.85;
}

const B64 = 1;
const HEX = 2;
const CLASS = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-") CLASS[c.charCodeAt(0)]! |= B64;
for (const c of "0123456789abcdefABCDEF") CLASS[c.charCodeAt(0)]! |= HEX;

let scratch = Buffer.allocUnsafeSlow(1 << 16);

/** Base64 runs (16+, with up to 2 '=') and hex runs (32+) as flat [start, end, ...] lists, in one pass. */
function findRuns(text: string): { b64: number[]; hex: number[] } {
  if (text.length + 1 > scratch.length) scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(text.length + 1)));
  const bytes = scratch;
  const n = bytes.write(text, 0, "latin1");
  bytes[n] = 0;
  const b64: number[] = [];
  const hex: number[] = [];
  let bs = 0;
  let hs = 0;
  for (let i = 0; i <= n; i++) {
    const k = CLASS[bytes[i]!]!;
    if ((k & B64) === 0) {
      if (i - bs >= 16) {
        let e = i;
        if (bytes[e] === 61) e++;
        if (bytes[e] === 61) e++;
        b64.push(bs, e);
      }
      bs = i + 1;
    }
    if ((k & HEX) === 0) {
      if (i - hs >= 32) hex.push(hs, i);
      hs = i + 1;
    }
  }
  return { b64, hex };
}

function base64Views(text: string, runs: number[], out: DecodedView[]): void {
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const end = runs[r + 1]!;
    let form: string | undefined;
    for (let a = 0; a < 4 && end - start - a >= 16; a++) {
      const s = start + a;
      if (!groupsLookTextual(text, s, end)) continue;
      const bytes = Buffer.from(text.slice(s, end), "base64");
      if (bytes.length < MIN_VIEW || !isTextual(bytes)) continue;
      form ??= /[-_]/.test(text.slice(start, end)) ? "base64url" : "base64";
      out.push({
        text: bytes.toString("latin1"),
        form,
        start: s,
        end,
        at: (o, isEnd) => s + (isEnd ? Math.ceil((o * 4) / 3) : Math.floor((o * 4) / 3)),
      });
    }
  }
}

/** Hex of text: the first digit of most pairs is 2-7 (printable ASCII). */
function pairsLookTextual(text: string, s: number, e: number): boolean {
  let ok = 0;
  let all = 0;
  for (let p = s; p + 2 <= e; p += 2) {
    const c = text.charCodeAt(p);
    if (c >= 50 && c <= 55) ok++;
    all++;
  }
  return ok >= all * 0.85;
}

function hexViews(text: string, runs: number[], out: DecodedView[]): void {
  for (let r = 0; r < runs.length; r += 2) {
    for (let a = 0; a < 2; a++) {
      const s = runs[r]! + a;
      const e = s + ((runs[r + 1]! - s) & ~1);
      if (!pairsLookTextual(text, s, e)) continue;
      const bytes = Buffer.from(text.slice(s, e), "hex");
      if (!isTextual(bytes)) continue;
      out.push({ text: bytes.toString("latin1"), form: "hex", start: s, end: e, at: (o) => s + 2 * o });
    }
  }
}

/** Maps a decoded offset back by walking the encoded segment (only called for matches). */
function walker(text: string, s: number, e: number, step: (i: number) => number): DecodedView["at"] {
  return (o) => {
    let i = s;
    for (let k = 0; k < o && i < e; k++) i += step(i);
    return Math.min(i, e);
  };
}

function isUrlSafe(c: number): boolean {
  // A-Z a-z 0-9 . _ ~ ! * ' ( ) + - % / = : @
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 58) ||
    c === 46 || c === 95 || c === 126 || c === 33 || c === 42 || c === 39 || c === 40 ||
    c === 41 || c === 43 || c === 45 || c === 37 || c === 47 || c === 61 || c === 64
  );
}

const PCT = /%[0-9A-Fa-f]{2}/;

function urlViews(text: string, out: DecodedView[]): void {
  for (let p = text.indexOf("%"); p !== -1; ) {
    let s = p;
    while (s > 0 && isUrlSafe(text.charCodeAt(s - 1))) s--;
    let e = p;
    while (e < text.length && isUrlSafe(text.charCodeAt(e))) e++;
    const seg = text.slice(s, e);
    if (seg.length >= MIN_VIEW && PCT.test(seg)) {
      const decoded = unescape(seg.replace(/\+/g, " "));
      const step = (i: number) =>
        text[i] !== "%" ? 1 : /^u[0-9A-Fa-f]{4}$/.test(text.slice(i + 1, i + 6)) ? 6 : PCT.test(text.slice(i, i + 3)) ? 3 : 1;
      out.push({ text: decoded, form: "url", start: s, end: e, at: walker(text, s, e, step) });
    }
    p = text.indexOf("%", Math.max(e, p + 1));
  }
}

const JSON_ESC: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "/": "/", '"': '"', "\\": "\\" };
const JSON_STOP = new Set(['"', "\n", SEP[0]!]);
const JSON_ESCAPE = /\\(u[0-9A-Fa-f]{4}|.)/gs;

function jsonStep(text: string, i: number): number {
  if (text[i] !== "\\") return 1;
  return text[i + 1] === "u" && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)) ? 6 : 2;
}

function jsonViews(text: string, out: DecodedView[]): void {
  for (let p = text.indexOf("\\"); p !== -1; ) {
    let s = p;
    while (s > 0 && !JSON_STOP.has(text[s - 1]!)) s--;
    let e = p;
    while (e < text.length && !JSON_STOP.has(text[e]!)) e += text[e] === "\\" ? 2 : 1;
    e = Math.min(e, text.length);
    if (e - s >= MIN_VIEW) {
      const decoded = text
        .slice(s, e)
        .replace(JSON_ESCAPE, (_, x: string) =>
          x.length === 5 ? String.fromCharCode(Number.parseInt(x.slice(1), 16)) : (JSON_ESC[x] ?? x),
        );
      out.push({ text: decoded, form: "json", start: s, end: e, at: walker(text, s, e, (i) => jsonStep(text, i)) });
    }
    p = text.indexOf("\\", Math.max(e, p + 1));
  }
}

/** Views one level deep. */
function viewsOf(text: string): DecodedView[] {
  const out: DecodedView[] = [];
  const runs = findRuns(text);
  base64Views(text, runs.b64, out);
  hexViews(text, runs.hex, out);
  if (text.includes("%")) urlViews(text, out);
  if (text.includes("\\")) jsonViews(text, out);
  return out;
}

/** Many views joined into one text (so matchers run once, not once per view), with their offsets. */
export interface JoinedViews {
  text: string;
  views: DecodedView[];
  /** offsets[i]: where views[i].text starts in `text`. */
  offsets: number[];
}

/** Joins views with SEP. */
export function joinViews(views: DecodedView[]): JoinedViews {
  const offsets: number[] = [];
  let at = 0;
  for (const v of views) {
    offsets.push(at);
    at += v.text.length + SEP.length;
  }
  return { text: views.map((v) => v.text).join(SEP), views, offsets };
}

/** The view holding joined[start, end), with offsets inside it; undefined when it spans views. */
export function locate(j: JoinedViews, start: number, end: number): { view: DecodedView; index: number; start: number; end: number } | undefined {
  let lo = 0;
  let hi = j.offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (j.offsets[mid]! <= start) lo = mid;
    else hi = mid - 1;
  }
  const view = j.views[lo];
  const off = j.offsets[lo]!;
  if (!view || end - off > view.text.length) return undefined;
  return { view, index: lo, start: start - off, end: end - off };
}

/** Views of views: level 2, each mapped through its level-1 view to the original text. */
function nestedViews(level1: JoinedViews): DecodedView[] {
  const out: DecodedView[] = [];
  for (const inner of viewsOf(level1.text)) {
    const at = locate(level1, inner.start, inner.end);
    if (!at) continue;
    const v = at.view;
    const shift = level1.offsets[at.index]!;
    out.push({
      text: inner.text,
      form: `${v.form}+${inner.form}`,
      start: v.at(at.start),
      end: v.at(at.end, true),
      at: (o, isEnd) => v.at(inner.at(o, isEnd) - shift, isEnd),
    });
  }
  return out;
}

/** Decoded views by level (1 = views of the text, 2 = views of those), each level joined. */
export function viewLevels(text: string, depth = 2): JoinedViews[] {
  const levels: JoinedViews[] = [];
  let views = viewsOf(text);
  for (let d = 1; d <= depth && views.length; d++) {
    const joined = joinViews(views);
    levels.push(joined);
    views = d < depth ? nestedViews(joined) : [];
  }
  return levels;
}

/** Decoded views of text, nested to `depth` (a nested view's form is `outer+inner`). */
export function decodedViews(text: string, depth = 2): DecodedView[] {
  return viewLevels(text, depth).flatMap((l) => l.views);
}
