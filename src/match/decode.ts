/**
 * Decoded views of a text, so that matchers find secrets in the forms copies take: base64 and
 * base64url runs (at every character alignment, so any byte alignment of a secret inside a longer
 * blob decodes right in one of them), hex runs, percent-encoded and backslash-escaped segments.
 * Candidate runs come from one sampled byte pass or indexOf, so the cost stays linear; views of
 * binary-looking bytes are dropped. Views nest to `depth` (base64 inside JSON and the like).
 */
import { base64Views, findRuns, hexViews } from "./decode-binary.js";
import { jsonViews, urlViews } from "./decode-escapes.js";

/** A decoded piece of text; start/end is the encoded span in the original text. */
export interface DecodedView {
  text: string;
  form: string;
  start: number;
  end: number;
  /** Maps an offset in `text` to the original text (an end offset when `isEnd`). */
  at(offset: number, isEnd?: boolean): number;
}

/** Between views in a joined text: no encoding, secret or rule spans NUL characters. */
export const SEP = "\u0000\u0000\u0000\u0000";

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
export function locate(
  j: JoinedViews,
  start: number,
  end: number,
): { view: DecodedView; index: number; start: number; end: number } | undefined {
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
