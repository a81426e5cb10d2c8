/**
 * HAR 1.2 browser captures (a `har:` target, and `.har` files met in any folder or archive).
 * One chunk per field that can hold a secret (URL, query, headers, cookies, post data, response
 * content with base64 decoded, WebSocket messages), with the entry index, field name, method
 * and a redacted URL in its provenance and the value's exact line and column in the file.
 * A HAR is read one entry at a time (har-stream.ts); above --max-har-bytes it is scanned as
 * plain text with an error item.
 */
import { stat } from "node:fs/promises";
import { redact } from "../secret.js";
import type { Chunk, Provenance, SourceContext } from "../types.js";
import { DEFAULT_MAX_HAR_BYTES, parseSize } from "./archive-limits.js";
import { decodeText } from "./decode.js";
import { fieldChunks } from "./har-field.js";
import { type HarPlace, harEntryChunks } from "./har-stream.js";
import { chunkOptions, fileBytes, textPieces } from "./text.js";

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

/** How chunks of one HAR are made: its fields with their places, and plain text where needed. */
function harPlace(base: Provenance, id: string, ctx: SourceContext): HarPlace {
  return {
    base,
    id,
    ctx,
    fieldChunks: (text, f, spot, at, item) => fieldChunks(text, f, spot, at, { target: ctx.target, item }),
    textChunks: (texts, from) => textAsChunks(texts, base, id, ctx, from),
  };
}

/** A buffer as 1 MiB views, so that decoding it never makes one string of the whole. */
async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20));
}

/**
 * Chunks of a HAR held in memory. `base` is the provenance of the capture (a file, an archive
 * member, a blob, an attachment) and `id` names it in errors.
 */
export function harBytesChunks(
  bytes: Uint8Array,
  base: Provenance,
  id: string,
  ctx: SourceContext,
): AsyncGenerator<Chunk> {
  const texts = () => decodeText(slices(bytes), "utf-8");
  return harEntryChunks(texts(), texts, harPlace(base, id, ctx), redactUrl);
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

/** Plain-text chunks; line 1 of the text sits at `from` in the file (a cut entry). */
async function* textAsChunks(
  texts: AsyncIterable<string>,
  provenance: Provenance,
  item: string,
  ctx: SourceContext,
  from = { line: 1, column: 1 },
): AsyncGenerator<Chunk> {
  for await (const p of textPieces(texts, chunkOptions(ctx))) {
    const line = p.line + from.line - 1;
    const column = p.line === 1 ? (p.column ?? 1) + from.column - 1 : p.column;
    yield { text: p.text, line, column, tailStart: p.tailStart, provenance, target: ctx.target, item };
  }
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
  ctx.count({ bytes: size });
  // read entry by entry: memory holds one entry, not the capture and its parsed copy
  const texts = () => decodeText(fileBytes(file), "utf-8");
  yield* harEntryChunks(texts(), texts, harPlace(base, id, ctx), redactUrl);
}

/** The HAR size cap from the options. */
export function maxHarBytes(ctx: Pick<SourceContext, "options">): number {
  const v = ctx.options.maxHarBytes;
  if (typeof v === "number" && v > 0) return v;
  if (typeof v === "string") return parseSize(v) ?? DEFAULT_MAX_HAR_BYTES;
  return DEFAULT_MAX_HAR_BYTES;
}
