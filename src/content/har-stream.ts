/**
 * A HAR read one entry at a time (json-elements.ts), so memory holds one entry whatever the size
 * of the capture (issue 16). Each entry is parsed alone and its fields become chunks with the
 * exact line and column of each value in the file. What cannot be read as entries is still
 * scanned as plain text, with an error item saying why: a text that is not a HAR, an entry that
 * is not valid JSON, a capture cut short.
 */
import { reasonOf } from "../errors.js";
import type { Chunk, Provenance, SourceContext } from "../types.js";
import { type HarField, harFields } from "./har-fields.js";
import { entrySpots, type StringSpot, spotKey } from "./har-json.js";
import { arrayElements, type ElementsEnd, type JsonElement } from "./json-elements.js";

/** Where a chunk of a HAR comes from, and how a field's value becomes its chunks. */
export interface HarPlace {
  base: Provenance;
  id: string;
  ctx: SourceContext;
  /** The chunks of one field of an entry (`spot`: where its raw value starts in the file). */
  fieldChunks(
    text: string,
    f: HarField,
    spot: StringSpot | undefined,
    at: Provenance,
    item: string,
  ): Iterable<Chunk>;
  /** Plain-text chunks of a text; line 1 of the text is at `from` in the file. */
  textChunks(texts: AsyncIterable<string>, from?: { line: number; column: number }): AsyncIterable<Chunk>;
}

/** The redacted URL of an entry's request, from har.ts (no cycle: passed in). */
export type UrlRedactor = (url: string) => string;

/** The chunks of one entry's fields, its values placed in the file. */
function* entryChunks(
  el: JsonElement,
  entry: unknown,
  place: HarPlace,
  redactUrl: UrlRedactor,
): Generator<Chunk> {
  const req = (entry as { request?: { method?: unknown; url?: unknown } })?.request ?? {};
  const at: Provenance = {
    ...place.base,
    entry: el.index,
    ...(typeof req.method === "string" && { method: req.method }),
    ...(typeof req.url === "string" && { url: redactUrl(req.url) }),
  };
  let spots: Map<string, StringSpot>;
  try {
    spots = entrySpots(el.text, ["log", "entries", el.index]);
  } catch {
    spots = new Map(); // JSON.parse accepted it, so this cannot happen; positions fall back to the entry's
  }
  for (const f of harFields(entry)) {
    const s = spots.get(spotKey([el.index, ...f.path]));
    // spots are relative to the entry's text: its first line starts at the entry's column
    const spot = s && {
      offset: s.offset,
      line: el.line + s.line - 1,
      column: s.line === 1 ? el.column + s.column - 1 : s.column,
    };
    yield* place.fieldChunks(el.text, f, spot, at, `${place.id}#${el.index}:${f.field}`);
  }
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/**
 * The chunks of a HAR given as text pieces; `again` gives the same text anew, for the plain-text
 * scan of a text that turns out not to be a HAR.
 */
export async function* harEntryChunks(
  pieces: AsyncIterable<string>,
  again: () => AsyncIterable<string>,
  place: HarPlace,
  redactUrl: UrlRedactor,
): AsyncGenerator<Chunk> {
  const { ctx, id } = place;
  const elements = arrayElements(pieces, ["log", "entries"]);
  let end: ElementsEnd;
  try {
    let r = await elements.next();
    for (; !r.done; r = await elements.next()) {
      if (r.value.index === 0) ctx.count({ items: 1 });
      let entry: unknown;
      try {
        entry = JSON.parse(r.value.text);
      } catch (err) {
        ctx.error(
          `${id}#${r.value.index}`,
          `not valid HAR JSON (${reasonOf(err)}); the entry scanned as plain text`,
        );
        yield* place.textChunks(once(r.value.text), r.value);
        continue;
      }
      yield* entryChunks(r.value, entry, place, redactUrl);
    }
    end = r.value;
    if (end.found && end.count === 0) ctx.count({ items: 1 }); // an empty capture is still one read
  } catch (err) {
    ctx.error(id, `not valid HAR JSON (${reasonOf(err)}); scanned as plain text, without entries and fields`);
    yield* place.textChunks(again());
    return;
  }
  if (end.truncated) {
    ctx.error(id, "not valid HAR JSON (it ends inside an entry); the cut entry scanned as plain text");
    yield* place.textChunks(once(end.truncated.text), end.truncated);
  } else if (!end.found) {
    ctx.error(id, "not a HAR file: it has no log.entries array; scanned as plain text");
    yield* place.textChunks(again());
  }
}
