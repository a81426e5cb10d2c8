/**
 * The known-only fast path of a history scan (no pattern rule runs): every object is read once,
 * in pack order (`git cat-file --batch-all-objects --batch --unordered`, the cost of the floor),
 * and tested for a possible copy of a manifest secret. Only what passes, or what only the full
 * path can judge (an archive, a HAR, an LFS pointer, a message over 1 MiB), is read
 * again where the log pass places it; when nothing passes and no submodule needs naming, the log
 * pass is skipped altogether, once `rev-list --missing=print` says no object is missing.
 */
import { isAscii } from "node:buffer";
import { spawn } from "node:child_process";
import { byteDecoder, type Encoding, SNIFF_BYTES, sniffEncoding } from "../../content/decode.js";
import { archiveKind } from "../../content/kind.js";
import type { KnownTest } from "../../match/known-filter.js";
import type { SourceContext } from "../../types.js";
import { isLfsPointer } from "./blobs.js";
import { ByteReader, ReadAhead } from "./bytes.js";
import { WHOLE_MAX } from "./cat-file.js";
import { gitEnv, gitLines, withConfig } from "./exec.js";
import { messageOf } from "./messages.js";

/** What reading every object once found. */
export interface Sifted {
  /** Blobs, commits and tags to read in full (the log pass places them). */
  keep: Set<string>;
  /** Every blob, commit and tag read: an id the log pass names but not here is missing (read it). */
  seen: Set<string>;
  /** A tree holds a submodule (the log pass names it in a notice). */
  gitlinks: boolean;
  /** What was read and not kept (the full path counts what it reads again). */
  read: { items: number; bytes: number; binary: number };
}

/** Counts what the sift read and did not keep on the scan (once its result is used). */
export function countSifted(s: Sifted, ctx: SourceContext): void {
  ctx.count({ items: s.read.items, bytes: s.read.bytes });
  for (let i = 0; i < s.read.binary; i++) ctx.skip("binary");
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

/** A 4-byte aligned copy of the bytes tested raw, 16 zero bytes past them (as bytesClear needs). */
let scratch = new Uint8Array(1 << 16);

/** True when the raw bytes of b hold no copy (binary, or UTF-8 all ASCII); false when unsure. */
function clearRaw(b: Buffer, encoding: Encoding, test: KnownTest): boolean {
  if (!test.clearBytes || (encoding !== "binary" && encoding !== "utf-8")) return false;
  const n = b.length;
  if (n + 16 > scratch.length) scratch = new Uint8Array(2 ** Math.ceil(Math.log2(n + 16)));
  scratch.set(b);
  scratch.fill(0, n, n + 16);
  return test.clearBytes(scratch, n, encoding === "utf-8");
}

/** True when a blob may hold a copy or needs the full path; counts the others as read. */
function keepBlob(b: Buffer, test: KnownTest, read: Sifted["read"]): boolean {
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
function keepMessage(b: Buffer, test: KnownTest, read: Sifted["read"]): boolean {
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
function sort(type: string, sha: string, b: Buffer, test: KnownTest, out: Sifted, onGitlink?: () => void) {
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
 * Reads every object of `dir` once; undefined when git could not read them all (a corrupt
 * object: the full path then reports it where the log pass meets it). `onGitlink` is called
 * when a submodule entry is met while nothing is kept yet (submodules can be named meanwhile).
 */
export async function sift(
  dir: string,
  test: KnownTest,
  onGitlink?: () => void,
): Promise<Sifted | undefined> {
  const child = spawn("git", withConfig(["cat-file", "--batch-all-objects", "--batch", "--unordered"]), {
    cwd: dir,
    env: gitEnv(),
    stdio: ["ignore", "pipe", "ignore"],
  });
  const exit = new Promise<number | null>((resolve) => {
    child.on("close", resolve);
    child.on("error", () => resolve(-1));
  });
  const out: Sifted = {
    keep: new Set(),
    seen: new Set(),
    gitlinks: false,
    read: { items: 0, bytes: 0, binary: 0 },
  };
  const reader = new ByteReader(new ReadAhead(child.stdout));
  try {
    for (;;) {
      const header = reader.lineNow() ?? (await reader.line());
      if (header === null) break;
      const [sha = "", type = "", size = ""] = header.split(" ");
      const n = Number(size);
      if (!size || !Number.isInteger(n)) return undefined;
      if (n > TEST_MAX) {
        out.seen.add(sha);
        out.keep.add(sha);
        for await (const _ of reader.take(n + 1));
        continue;
      }
      const b = reader.exactNow(n + 1) ?? (await reader.exact(n + 1));
      sort(type, sha, b.subarray(0, n), test, out, onGitlink);
    }
  } catch {
    return undefined;
  } finally {
    child.kill();
  }
  return (await exit) === 0 ? out : undefined;
}

/** True when every object the refs reach is in the repository (none missing, none unreadable). */
export async function complete(dir: string): Promise<boolean> {
  try {
    for await (const line of gitLines(dir, ["rev-list", "--objects", "--all", "--missing=print"]))
      if (line.startsWith("?")) return false;
    return true;
  } catch {
    return false;
  }
}
