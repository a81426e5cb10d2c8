/**
 * HAR 1.2 browser captures (a `har:` target, and `.har` files met in any folder or archive).
 * One chunk per field that can hold a secret (URL, query, headers, cookies, post data, response
 * content with base64 decoded, WebSocket messages), with the entry index, field name, method
 * and a redacted URL in its provenance and the value's exact line and column in the file.
 * A HAR is parsed whole with JSON.parse, so files above --max-har-bytes become an error item.
 */
import { readFile, stat } from "node:fs/promises";
import { reasonOf } from "../errors.js";
import { redact } from "../secret.js";
import type { Chunk, Provenance, SourceContext } from "../types.js";
import { DEFAULT_MAX_HAR_BYTES, parseSize } from "./archive-limits.js";
import { decodeText, sniffEncoding } from "./decode.js";
import { type HarField, harFields } from "./har-fields.js";
import { entrySpots, rawIndex, type StringSpot, spotKey } from "./har-json.js";
import { chunkOptions, DEFAULT_CHUNK_SIZE, DEFAULT_OVERLAP, fileBytes, textPieces } from "./text.js";

/** True for a path segment that may be a token: long and not a plain lower-case word. */
function tokenLike(seg: string): boolean {
  return seg.length >= 32 || (seg.length >= 16 && /[0-9A-Z_]/.test(seg));
}

/**
 * A URL safe to print: the password (and a long user name) of userinfo, every query and fragment
 * value of 6 characters or more, and token-like path segments are redacted. The source does not
 * know which secrets a scan hunts, so it redacts whatever could be one.
 */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^@/?#]*)@)?([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
  if (!m) return redact(url);
  const [, scheme, userinfo, host, pathPart = "", query = "", fragment = ""] = m;
  let user = "";
  if (userinfo !== undefined) {
    const name = userinfo.split(":")[0]!;
    user = `${name.length >= 16 ? redact(name) : name}${userinfo.includes(":") ? ":…" : ""}@`;
  }
  const segments = pathPart.split("/").map((s) => (tokenLike(s) ? redact(s) : s));
  const params = (s: string) =>
    s.replace(/([?&#;])([^=&#;]*)=([^&#;]*)/g, (_all, sep: string, k: string, v: string) =>
      v.length >= 6 ? `${sep}${k}=${redact(safeDecode(v))}` : `${sep}${k}=${v}`,
    );
  return `${scheme}${user}${host}${segments.join("/")}${params(query)}${params(fragment)}`;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * Chunks of a HAR held in memory. `base` is the provenance of the capture (a file, an archive
 * member, a blob, an attachment) and `id` names it in errors.
 */
export async function* harTextChunks(
  text: string,
  base: Provenance,
  id: string,
  ctx: SourceContext,
): AsyncGenerator<Chunk> {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (err) {
    ctx.error(id, `not valid HAR JSON (${reasonOf(err)}); scanned as plain text, without entries and fields`);
    yield* textAsChunks(oneString(text), base, id, ctx);
    return;
  }
  const entries = (har as { log?: { entries?: unknown } })?.log?.entries;
  if (!Array.isArray(entries)) {
    ctx.error(id, "not a HAR file: it has no log.entries array; scanned as plain text");
    yield* textAsChunks(oneString(text), base, id, ctx);
    return;
  }
  ctx.count({ items: 1 });
  let spots: Map<string, StringSpot>;
  try {
    spots = entrySpots(text);
  } catch {
    spots = new Map(); // JSON.parse accepted it, so this cannot happen; positions fall back to 1:1
  }
  for (const [i, entry] of entries.entries()) {
    const req = (entry as { request?: { method?: unknown; url?: unknown } })?.request ?? {};
    const at: Provenance = {
      ...base,
      entry: i,
      ...(typeof req.method === "string" && { method: req.method }),
      ...(typeof req.url === "string" && { url: redactUrl(req.url) }),
    };
    for (const f of harFields(entry))
      yield* fieldChunks(text, f, spots.get(spotKey([i, ...f.path])), at, {
        target: ctx.target,
        item: `${id}#${i}:${f.field}`,
      });
  }
}

/** One field's chunks: split when huge, positions through the JSON escapes of the raw value. */
function* fieldChunks(
  text: string,
  f: HarField,
  spot: StringSpot | undefined,
  base: Provenance,
  of: Pick<Chunk, "target" | "item">,
): Generator<Chunk> {
  let value = f.value;
  let binary = false;
  if (f.base64) {
    const bytes = Buffer.from(value, "base64");
    const encoding = sniffEncoding(bytes);
    // a binary body is still searched byte by byte (known secrets; pattern rules skip it)
    value = encoding === "binary" ? bytes.toString("latin1") : new TextDecoder(encoding).decode(bytes);
    if (encoding === "binary") binary = true;
  }
  const provenance: Provenance = { ...base, field: f.field };
  const line = spot?.line ?? 1;
  const column = (spot?.column ?? 0) + 1;
  for (let start = 0; start === 0 || start < value.length; start += DEFAULT_CHUNK_SIZE) {
    const end = start + DEFAULT_CHUNK_SIZE;
    const last = end >= value.length;
    const position = (o: number) => {
      // decoded base64 has no exact place in the file: point at the start of the value
      if (!spot || f.base64) return { line, column };
      return { line, column: column + rawIndex(text, spot.offset, start + o) };
    };
    yield {
      text: value.slice(start, end + DEFAULT_OVERLAP),
      provenance,
      ...of,
      line,
      column,
      position,
      ...(!last && { tailStart: DEFAULT_CHUNK_SIZE }),
      ...(binary && { binary: true }),
    };
  }
}

/** The tail of the error for a HAR too big to parse. */
export const AS_TEXT = "scanned as plain text, without entries and fields";

/**
 * A HAR that cannot be parsed (too big, broken JSON) is still streamed as plain text, so that its
 * copies are found; the error item already says the scan of it was partial.
 */
export async function* harAsText(
  bytes: AsyncIterable<Uint8Array>,
  base: Provenance,
  id: string,
  ctx: SourceContext,
): AsyncGenerator<Chunk> {
  yield* textAsChunks(decodeText(bytes, "utf-8"), base, id, ctx);
}

async function* textAsChunks(
  texts: AsyncIterable<string>,
  provenance: Provenance,
  item: string,
  ctx: SourceContext,
): AsyncGenerator<Chunk> {
  for await (const p of textPieces(texts, chunkOptions(ctx)))
    yield {
      text: p.text,
      line: p.line,
      column: p.column,
      tailStart: p.tailStart,
      provenance,
      target: ctx.target,
      item,
    };
}

async function* oneString(text: string): AsyncGenerator<string> {
  yield text;
}

/** Chunks of one HAR file on disk; above the size cap, plain text chunks and an error item. */
export async function* harFileChunks(
  file: string,
  base: Provenance,
  id: string,
  ctx: SourceContext,
): AsyncGenerator<Chunk> {
  const max = maxHarBytes(ctx);
  const { size } = await stat(file);
  if (size > max) {
    ctx.error(id, `HAR of ${size} bytes is larger than ${max} (--max-har-bytes); ${AS_TEXT}`);
    ctx.count({ bytes: size });
    yield* harAsText(fileBytes(file), base, id, ctx);
    return;
  }
  const text = await readFile(file, "utf8");
  ctx.count({ bytes: size });
  yield* harTextChunks(text, base, id, ctx);
}

/** The HAR size cap from the options. */
export function maxHarBytes(ctx: Pick<SourceContext, "options">): number {
  const v = ctx.options.maxHarBytes;
  if (typeof v === "number" && v > 0) return v;
  if (typeof v === "string") return parseSize(v) ?? DEFAULT_MAX_HAR_BYTES;
  return DEFAULT_MAX_HAR_BYTES;
}
