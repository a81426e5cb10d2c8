/** What a source yields: bytes with a name, or text it already decoded. The content layer reads both. */
import type { Chunk, Position, Provenance } from "../types.js";

/** What every item has: an id unique in its target, and where it came from. */
interface ItemBase {
  /** Names the item in errors and keeps its chunks together (e.g. `app/.env`, `abc1234:a.zip`). */
  id: string;
  provenance: Provenance;
}

/** Bytes with a name (a file, a blob, an archive member, an attachment): content decides what they hold. */
export interface ByteItem extends ItemBase {
  /** The name content is told by (a `.har` name) and members are named under. */
  name: string;
  /** The bytes: in memory, or a stream opened on demand (read once). */
  bytes: Uint8Array | (() => AsyncIterable<Uint8Array>);
  /** A file on disk holding the same bytes (a zip is read in place). */
  file?: string;
  /** Size in bytes, when known (the zip-bomb ratio guard). */
  size?: number;
  /** Read it as a log (CI noise stripped) or as a HAR whatever its name. */
  as?: "log" | "har";
  /** Applied to each chunk of the item itself (staged scans keep pattern findings on added lines). */
  patch?: (chunk: Chunk) => Chunk;
  /** `file` is removed once the source goes on (a download): read it before asking for the next item. */
  transient?: boolean;
}

/** Text a source already decoded (a message or issue field); it is only chunked. */
export interface TextItem extends ItemBase {
  text: string;
  /** Line and column of text[0] (default 1). */
  line?: number;
  column?: number;
  /** Maps an offset in `text` to its place in what a person sees (markup decoded). */
  position?: (offset: number) => Position;
}

/** What a source yields. */
export type Item = ByteItem | TextItem;
