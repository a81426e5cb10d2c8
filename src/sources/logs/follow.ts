/**
 * Following growing logs like `tail -F`: polls each file, reads what was appended, and notices
 * rotation (the name now points at another inode: the old file is read to its end first) and
 * truncation (the size shrank: read again from the start). Only whole lines are handed on, with
 * the last few lines before them repeated so that a copy split across two appends is still
 * found; `freshFrom` says where the new text starts. Memory is bounded by the per-poll read,
 * the longest pending line and that small overlap.
 */
import { type FileHandle, open, stat } from "node:fs/promises";
import { cleanedOffset, cleanLog, positionMap } from "../../content/log-clean.js";
import type { Chunk } from "../../types.js";

/** Newly appended text of one log: a chunk whose matches count only if they end past freshFrom. */
export interface Appended {
  chunk: Chunk;
  freshFrom: number;
}

/** Tuning of the follower. */
export interface FollowOptions {
  /** Read files from their start instead of their current end. */
  fromStart?: boolean;
  /** Original characters of earlier lines repeated before new text. */
  overlap?: number;
  /** Most bytes read from one file per poll. */
  maxRead?: number;
  /** A line longer than this is handed on unfinished. */
  maxLine?: number;
}

/** The state of one followed file. */
export class LogTail {
  private fh?: FileHandle;
  private ino = -1;
  private pos = 0;
  private decoder = new TextDecoder();
  private pending = "";
  private recent = "";
  private recentLine = 1;
  private started = false;

  constructor(
    readonly path: string,
    private readonly opts: FollowOptions = {},
  ) {}

  /** Reads what was appended since the last poll (after a rotation, the old file's rest too). */
  async poll(): Promise<Appended[]> {
    const out: Appended[] = [];
    const st = await stat(this.path).catch(() => undefined);
    if (this.fh && st && st.ino !== this.ino) {
      await this.readAvailable(out); // the rotated-away file's last lines
      await this.close();
      this.reset();
    }
    if (!this.fh) {
      if (!st) {
        this.started = true; // a file that appears later is read from its start
        return out;
      }
      this.fh = await open(this.path, "r");
      this.ino = st.ino;
      this.pos = this.started || this.opts.fromStart ? 0 : st.size;
      // starting at the end: count the lines before it so that reported lines are the file's
      if (this.pos > 0) this.recentLine = 1 + (await countNewlines(this.fh, this.pos));
      this.started = true;
    } else if (st && st.size < this.pos) {
      this.reset(); // truncated in place (copytruncate)
    }
    await this.readAvailable(out);
    return out;
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.fh?.close().catch(() => {});
    this.fh = undefined;
  }

  private reset(): void {
    this.pos = 0;
    this.decoder = new TextDecoder();
    this.pending = "";
    this.recent = "";
    this.recentLine = 1;
  }

  private async readAvailable(out: Appended[]): Promise<void> {
    if (!this.fh) return;
    const max = this.opts.maxRead ?? 4 << 20;
    const buf = Buffer.alloc(1 << 16);
    let total = 0;
    while (total < max) {
      const { bytesRead } = await this.fh.read(buf, 0, buf.length, this.pos);
      if (!bytesRead) break;
      this.pos += bytesRead;
      total += bytesRead;
      this.pending += this.decoder.decode(buf.subarray(0, bytesRead), { stream: true });
    }
    const appended = this.take();
    if (appended) out.push(appended);
  }

  /** Whole lines from `pending`, with the overlap before them, cleaned like any log. */
  private take(): Appended | undefined {
    let cut = this.pending.lastIndexOf("\n") + 1;
    if (cut === 0 && this.pending.length > (this.opts.maxLine ?? 1 << 20)) cut = this.pending.length;
    if (cut === 0) return undefined;
    const original = this.recent + this.pending.slice(0, cut);
    const freshOriginal = this.recent.length;
    this.pending = this.pending.slice(cut);
    const c = cleanLog(original);
    const chunk: Chunk = {
      text: c.text,
      line: this.recentLine,
      column: 1,
      provenance: { source: "logs", path: this.path },
      target: `logs:${this.path}`,
      item: this.path,
      position: positionMap(original, c, this.recentLine, 1),
    };
    this.keepRecent(original);
    return { chunk, freshFrom: cleanedOffset(c, freshOriginal) };
  }

  /** Keeps the last whole lines (up to the overlap) of what was just handed on. */
  private keepRecent(original: string): void {
    const limit = this.opts.overlap ?? 8192;
    let from = original.length > limit ? original.indexOf("\n", original.length - limit) + 1 : 0;
    if (from <= 0 || !original.endsWith("\n")) from = original.length > limit ? original.length : 0;
    for (let i = original.indexOf("\n"); i !== -1 && i < from; i = original.indexOf("\n", i + 1))
      this.recentLine++;
    this.recent = original.slice(from);
  }
}

/** Newlines in the first `end` bytes of a file, read in 1 MiB steps. */
async function countNewlines(fh: FileHandle, end: number): Promise<number> {
  const buf = Buffer.alloc(1 << 20);
  let n = 0;
  for (let at = 0; at < end; ) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - at), at);
    if (!bytesRead) break;
    for (let i = buf.indexOf(10, 0); i !== -1 && i < bytesRead; i = buf.indexOf(10, i + 1)) n++;
    at += bytesRead;
  }
  return n;
}
