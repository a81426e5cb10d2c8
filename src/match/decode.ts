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

const B64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX_RUN = /[0-9A-Fa-f]{32,}/g;
const MIN_VIEW = 12;

/** True when most bytes are printable ASCII (text), so the view is worth matching. */
function isTextual(bytes: Uint8Array): boolean {
  let ok = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) ok++;
  }
  return ok >= bytes.length * 0.85;
}

function base64Views(text: string, out: DecodedView[]): void {
  for (const m of text.matchAll(B64_RUN)) {
    const run = m[0];
    const form = /[-_]/.test(run) ? "base64url" : "base64";
    for (let a = 0; a < 4 && run.length - a >= 16; a++) {
      const bytes = Buffer.from(a ? run.slice(a) : run, "base64");
      if (bytes.length < MIN_VIEW || !isTextual(bytes)) continue;
      const s = m.index + a;
      out.push({
        text: bytes.toString("latin1"),
        form,
        start: s,
        end: m.index + run.length,
        at: (o, isEnd) => s + (isEnd ? Math.ceil((o * 4) / 3) : Math.floor((o * 4) / 3)),
      });
    }
  }
}

function hexViews(text: string, out: DecodedView[]): void {
  for (const m of text.matchAll(HEX_RUN)) {
    for (let a = 0; a < 2; a++) {
      const run = m[0].slice(a, a + ((m[0].length - a) & ~1));
      const bytes = Buffer.from(run, "hex");
      if (!isTextual(bytes)) continue;
      const s = m.index + a;
      out.push({
        text: bytes.toString("latin1"),
        form: "hex",
        start: s,
        end: s + run.length,
        at: (o) => s + 2 * o,
      });
    }
  }
}

/** A view built character by character, with an offset map (url and json escapes). */
function mappedView(form: string, s: number, chars: string[], map: number[]): DecodedView {
  return {
    text: chars.join(""),
    form,
    start: s,
    end: map[map.length - 1]!,
    at: (o) => map[Math.min(o, map.length - 1)]!,
  };
}

const URL_SAFE = /[A-Za-z0-9._~!*'()+\-%/=:@]/;

function urlViews(text: string, out: DecodedView[]): void {
  for (let p = text.indexOf("%"); p !== -1; ) {
    let s = p;
    while (s > 0 && URL_SAFE.test(text[s - 1]!)) s--;
    let e = p;
    while (e < text.length && URL_SAFE.test(text[e]!)) e++;
    const chars: string[] = [];
    const map: number[] = [];
    for (let i = s; i < e; ) {
      map.push(i);
      if (text[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
        chars.push(String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 3), 16)));
        i += 3;
      } else {
        chars.push(text[i] === "+" ? " " : text[i]!);
        i++;
      }
    }
    map.push(e);
    if (e - s >= MIN_VIEW && chars.length < e - s) out.push(mappedView("url", s, chars, map));
    p = text.indexOf("%", Math.max(e, p + 1));
  }
}

const JSON_ESC: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  "/": "/",
  '"': '"',
  "\\": "\\",
};

function jsonViews(text: string, out: DecodedView[]): void {
  for (let p = text.indexOf("\\"); p !== -1; ) {
    let s = p;
    while (s > 0 && text[s - 1] !== '"' && text[s - 1] !== "\n") s--;
    const chars: string[] = [];
    const map: number[] = [];
    let i = s;
    while (i < text.length && text[i] !== '"' && text[i] !== "\n") {
      map.push(i);
      const c = text[i]!;
      if (c !== "\\") {
        chars.push(c);
        i++;
      } else if (text[i + 1] === "u" && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) {
        chars.push(String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16)));
        i += 6;
      } else {
        chars.push(JSON_ESC[text[i + 1] ?? ""] ?? text[i + 1] ?? "");
        i += 2;
      }
    }
    const e = Math.min(i, text.length);
    map.push(e);
    if (e - s >= MIN_VIEW && chars.length < e - s) out.push(mappedView("json", s, chars, map));
    p = text.indexOf("\\", Math.max(e, p + 1));
  }
}

/** Views one level deep. */
function viewsOf(text: string): DecodedView[] {
  const out: DecodedView[] = [];
  base64Views(text, out);
  hexViews(text, out);
  if (text.includes("%")) urlViews(text, out);
  if (text.includes("\\")) jsonViews(text, out);
  return out;
}

/** Decoded views of text, nested to `depth` (a nested view's form is `outer+inner`). */
export function decodedViews(text: string, depth = 2): DecodedView[] {
  if (depth <= 0) return [];
  const top = viewsOf(text);
  if (depth === 1) return top;
  const nested: DecodedView[] = [];
  for (const v of top) {
    for (const inner of decodedViews(v.text, depth - 1)) {
      nested.push({
        text: inner.text,
        form: `${v.form}+${inner.form}`,
        start: v.at(inner.start),
        end: v.at(inner.end, true),
        at: (o, isEnd) => v.at(inner.at(o, isEnd), isEnd),
      });
    }
  }
  return top.concat(nested);
}
