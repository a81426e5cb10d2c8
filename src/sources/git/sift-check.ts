/**
 * The sift's test of each object (sift.ts): may it hold a copy of a manifest secret, or need
 * the full path? It parses `git cat-file --batch` output, header and body, and decides each
 * object as it comes (sift-read.ts runs git). The main thread and the sift worker (sift-worker.ts) run the same code.
 */
import { isAscii } from "node:buffer";
import { byteDecoder, type Encoding, SNIFF_BYTES, sniffEncoding } from "../../content/decode.js";
import { archiveKind } from "../../content/kind.js";
import type { KnownTest } from "../../match/known-filter.js";
import { isLfsPointer } from "./blobs.js";
import { WHOLE_MAX } from "./cat-file.js";
import { messageOf } from "./messages.js";

/** What reading objects found (sets on the main thread; lists when posted by the worker). */
export interface SiftOut {
  /** Blobs, commits and tags to read in full (the log pass places them). */
  keep: Set<string>;
  /** Every blob, commit and tag read: an id the log pass names but not here is missing (read it). */
  seen: Set<string>;
  /** A tree holds a submodule (the log pass names it in a notice). */
  gitlinks: boolean;
  /** What was read and not kept (the full path counts what it reads again). */
  read: { items: number; bytes: number; binary: number };
}

/** An empty result. */
export function emptySift(): SiftOut {
  return { keep: new Set(), seen: new Set(), gitlinks: false, read: { items: 0, bytes: 0, binary: 0 } };
}

/** A blob up to this size is tested whole; a bigger one is kept (read in pieces by the full path). */
const TEST_MAX = 16 << 20;
const GITLINK = Buffer.from("160000 ");
const HAR_KEY = Buffer.from('"entries"');

/** The text the content layer reads in a blob (ASCII as latin1, the cheapest decoding of it). */
function textOf(b: Buffer, encoding: Encoding): string {
  if (encoding === "binary" || isAscii(b)) return b.toString("latin1");
  const d = byteDecoder(encoding);
  return d.write(b) + d.end();
}

/**
 * Where each object is read to: 4-byte aligned, 16 zero bytes past the bytes tested raw (as
 * bytesClear needs), so an object read here is tested where it lies (one copy from the pipe).
 */
let scratch = Buffer.from(new ArrayBuffer(1 << 16));

/** The scratch buffer, grown to hold n bytes and the 16 zero bytes past them. */
function room(n: number): Buffer {
  if (n + 16 > scratch.length) scratch = Buffer.from(new ArrayBuffer(2 ** Math.ceil(Math.log2(n + 16))));
  return scratch;
}

/** True when the raw bytes of b hold no copy (binary, or UTF-8 all ASCII); false when unsure. */
function clearRaw(b: Buffer, encoding: Encoding, test: KnownTest): boolean {
  if (!test.clearBytes || (encoding !== "binary" && encoding !== "utf-8")) return false;
  const n = b.length;
  const at = room(n);
  if (b.buffer !== at.buffer || b.byteOffset !== 0) at.set(b);
  at.fill(0, n, n + 16);
  return test.clearBytes(at, n, encoding === "utf-8");
}

/** True when a blob may hold a copy or needs the full path; counts the others as read. */
function keepBlob(b: Buffer, test: KnownTest, read: SiftOut["read"]): boolean {
  if (isLfsPointer(b)) return true; // named in the full path's LFS notice
  const head = b.subarray(0, SNIFF_BYTES);
  if (archiveKind(head)) return true;
  const encoding = sniffEncoding(head);
  // a HAR is told by its name, unknown here: its decoded fields are left to the full path
  if (encoding === "utf-8" && b.includes(HAR_KEY)) return true;
  if (!clearRaw(b, encoding, test) && test(textOf(b, encoding))) return true;
  read.items++;
  read.bytes += b.length;
  if (encoding === "binary") read.binary++;
  return false;
}

/** True when the message of a commit or tag may hold a copy (only it is scanned); counts the others. */
function keepMessage(b: Buffer, test: KnownTest, read: SiftOut["read"]): boolean {
  const message = messageOf(b);
  if (!clearRaw(message, "utf-8", test) && test(textOf(message, "utf-8"))) return true;
  if (message.length) {
    read.items++;
    read.bytes += message.length;
  }
  return false;
}

/** True when a tree has a submodule entry (mode 160000), its entries walked (`mode name\0id`). */
function hasGitlink(tree: Buffer, idBytes: number): boolean {
  for (let at = 0; at < tree.length; ) {
    const space = tree.indexOf(32, at);
    if (space === -1) return false;
    if (space - at === 6 && tree.compare(GITLINK, 0, 6, at, space) === 0) return true;
    const nul = tree.indexOf(0, space);
    if (nul === -1) return false;
    at = nul + 1 + idBytes;
  }
  return false;
}

/** Decides one object read whole. */
function sort(type: string, sha: string, b: Buffer, test: KnownTest, out: SiftOut, onGitlink?: () => void) {
  if (type === "tree") {
    if (!out.gitlinks && b.includes(GITLINK)) out.gitlinks = hasGitlink(b, sha.length >>> 1);
    if (out.gitlinks && !out.keep.size) onGitlink?.();
    return;
  }
  if (type !== "blob" && type !== "commit" && type !== "tag") return;
  out.seen.add(sha);
  const keep =
    type === "blob" ? keepBlob(b, test, out.read) : b.length > WHOLE_MAX || keepMessage(b, test, out.read);
  if (keep) out.keep.add(sha);
}

/**
 * Reads and decides the objects of a cat-file `--batch` output as its bytes come, each piece
 * parsed at once where it lies (the piece may be a reused buffer: nothing is kept of it but the
 * copy of an object's bytes into the test buffer). `failed` once an answer is not an object.
 */
export class SiftParser {
  failed = false;
  private header = "";
  private sha = "";
  private type = "";
  /** Bytes of the current object still to come, its newline included; 0 between objects. */
  private left = 0;
  private size = 0;
  private skip = false;
  constructor(
    private readonly test: KnownTest,
    private readonly out: SiftOut,
    private readonly onGitlink?: () => void,
  ) {}

  /** Parses the first n bytes of buf. */
  feed(buf: Buffer, n: number): void {
    for (let i = 0; i < n && !this.failed; ) {
      if (!this.left) {
        const nl = buf.indexOf(10, i);
        if (nl === -1 || nl >= n) {
          this.header += buf.toString("latin1", i, n);
          return;
        }
        this.start(this.header + buf.toString("latin1", i, nl));
        this.header = "";
        i = nl + 1;
        continue;
      }
      const k = Math.min(n - i, this.left);
      if (!this.skip) scratch.set(buf.subarray(i, i + k), this.size + 1 - this.left);
      this.left -= k;
      i += k;
      if (!this.left && !this.skip)
        sort(this.type, this.sha, scratch.subarray(0, this.size), this.test, this.out, this.onGitlink);
    }
  }

  /** True when the output ended between objects (none cut short). */
  end(): boolean {
    return !this.failed && !this.left && !this.header;
  }

  private start(header: string): void {
    const [sha = "", type = "", size = ""] = header.split(" ");
    const n = Number(size);
    if (!size || !Number.isInteger(n)) {
      this.failed = true;
      return;
    }
    [this.sha, this.type, this.size, this.left, this.skip] = [sha, type, n, n + 1, n > TEST_MAX];
    if (this.skip) {
      this.out.seen.add(sha);
      this.out.keep.add(sha);
    } else room(n + 1);
  }
}
