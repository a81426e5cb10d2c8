/**
 * The sift's test of each object (sift.ts): may it hold a copy of a manifest secret, or need
 * the full path? It reads `git cat-file --batch` output, header and body, and decides each
 * object as it comes. The main thread and the sift worker (sift-worker.ts) run the same code.
 */
import { isAscii } from "node:buffer";
import { spawn } from "node:child_process";
import { byteDecoder, type Encoding, SNIFF_BYTES, sniffEncoding } from "../../content/decode.js";
import { archiveKind } from "../../content/kind.js";
import type { KnownTest } from "../../match/known-filter.js";
import { isLfsPointer } from "./blobs.js";
import { ByteReader, ReadAhead } from "./bytes.js";
import { feed, type IdQueue, WHOLE_MAX } from "./cat-file.js";
import { gitEnv, withConfig } from "./exec.js";
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
 * Reads and decides every object of a cat-file `--batch` output until its end; false when an
 * answer is not an object (missing, or the output cut short).
 */
export async function siftObjects(
  reader: ByteReader,
  test: KnownTest,
  out: SiftOut,
  onGitlink?: () => void,
): Promise<boolean> {
  for (;;) {
    const header = reader.lineNow() ?? (await reader.line());
    if (header === null) return true;
    const [sha = "", type = "", size = ""] = header.split(" ");
    const n = Number(size);
    if (!size || !Number.isInteger(n)) return false;
    if (n > TEST_MAX) {
      out.seen.add(sha);
      out.keep.add(sha);
      for await (const _ of reader.take(n + 1));
      continue;
    }
    const b = room(n + 1);
    if (!reader.intoNow(b, n + 1)) await reader.into(b, n + 1);
    sort(type, sha, b.subarray(0, n), test, out, onGitlink);
  }
}

/**
 * Reads and decides the objects of `ids` as they come (in pack order: each pack is read once),
 * or every object, through one `git cat-file --batch`; false when git could not read them all (a corrupt or
 * missing object: the full path then reports it where the log pass meets it).
 */
export async function siftIds(
  dir: string,
  ids: IdQueue | "all",
  test: KnownTest,
  out: SiftOut,
  onGitlink?: () => void,
): Promise<boolean> {
  const all = ["cat-file", "--batch-all-objects", "--batch", "--unordered"];
  const child = spawn("git", withConfig(ids === "all" ? all : ["cat-file", "--batch", "--buffer"]), {
    cwd: dir,
    env: gitEnv(),
    stdio: [ids === "all" ? "ignore" : "pipe", "pipe", "ignore"],
  });
  const exit = new Promise<number | null>((resolve) => {
    child.on("close", resolve);
    child.on("error", () => resolve(-1));
  });
  if (child.stdin && ids !== "all") void feed(child.stdin, ids, 0);
  let read = false;
  try {
    if (child.stdout)
      read = await siftObjects(new ByteReader(new ReadAhead(child.stdout)), test, out, onGitlink);
  } catch {
    read = false;
  } finally {
    if (!read) child.kill();
  }
  return read && (await exit) === 0;
}
