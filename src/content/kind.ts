/**
 * Telling an archive by its first bytes and a HAR by its name, without loading the archive or
 * HAR readers (every file is asked this, so it must stay cheap to import).
 */
import { type Encoding, sniffEncoding } from "./decode.js";

/** The archive formats read. */
export type ArchiveKind = "zip" | "gzip" | "tar";

const USTAR = Buffer.from("ustar", "latin1");

/**
 * True for a POSIX/GNU tar header: "ustar" at 257 and a header checksum that adds up (source
 * text that merely contains "ustar" at that offset is not an archive).
 */
export function isTarHeader(head: Uint8Array): boolean {
  // the magic compared byte by byte: this runs on every file a folder scan reads
  if (head.length < 512) return false;
  for (let i = 0; i < 5; i++) if (head[257 + i] !== USTAR[i]) return false;
  const field = Buffer.from(head.subarray(148, 156)).toString("latin1");
  const m = /^\s*([0-7]{1,7})[\s\0]/.exec(field);
  if (!m) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!;
  return sum === Number.parseInt(m[1]!, 8);
}

/** The archive kind told by the first bytes (512 for tar), or undefined. */
export function archiveKind(head: Uint8Array): ArchiveKind | undefined {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && head[3] === head[2]! + 1)
    return "zip";
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (isTarHeader(head)) return "tar";
  return undefined;
}

const ARCHIVE_KINDS: ReadonlySet<string> = new Set<ArchiveKind>(["zip", "gzip", "tar"]);

/** True for a content kind that is an archive. */
export function isArchiveKind(kind: string): kind is ArchiveKind {
  return ARCHIVE_KINDS.has(kind);
}

/** True for a name that ends in `.har`. */
export function isHarName(name: string): boolean {
  return /\.har$/i.test(name);
}

/** What an item's bytes hold: a HAR, an archive, or text in an encoding, or binary. */
export type ContentKind = "har" | ArchiveKind | Encoding;

/**
 * The one decision on what bytes are, in this order: a HAR (by its name, or because the source
 * says so), an archive (by its first bytes, whatever its name), text in its encoding, or binary.
 */
export function contentKind(name: string, as: string | undefined, head: Uint8Array): ContentKind {
  if (as === "har" || isHarName(name)) return "har";
  return archiveKind(head) ?? sniffEncoding(head);
}

const CONTAINER_TYPES =
  /^application\/(zip|x-zip-compressed|java-archive|gzip|x-gzip|x-tar|x-gtar|har\+json)\b/i;
const CONTAINER_NAMES = /\.(har|zip|jar|war|gz|tgz|tar)$/i;

/** True when a name or MIME type says archive or HAR: content the content layer opens (worth a download). */
export function isContainer(name: string | undefined, mimeType: string | undefined): boolean {
  return CONTAINER_TYPES.test(mimeType ?? "") || CONTAINER_NAMES.test(name ?? "");
}
