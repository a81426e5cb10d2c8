/**
 * Byte plumbing for `git cat-file --batch` output: a read-ahead buffer over the pipe, and a
 * reader of header lines and counted byte runs on top of it.
 */

/** Thrown into a body's reader when git stops mid-object; the reader then reports that object. */
export class CatFileStopped extends Error {}

const EMPTY = Buffer.alloc(0);

/**
 * Reads a stream ahead of its consumer, up to `limit` bytes: git never waits on a full 64 KiB
 * pipe while the scan is busy matching, which on a loaded machine costs a context switch and a
 * scheduling delay per 64 KiB (measured: most of the wall time of a history scan).
 */
export class ReadAhead implements AsyncIterator<Buffer> {
  private readonly queue: Buffer[] = [];
  private head = 0;
  private queued = 0;
  private ended = false;
  private wake: (() => void) | undefined;
  constructor(
    private readonly stream: NodeJS.ReadableStream,
    private readonly limit = 8 << 20,
  ) {
    stream.on("data", (b: Buffer) => {
      this.queue.push(b);
      this.queued += b.length;
      if (this.queued > this.limit) stream.pause();
      this.notify();
    });
    const end = () => {
      this.ended = true;
      this.notify();
    };
    stream.on("end", end);
    stream.on("close", end);
    stream.on("error", end);
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  async next(): Promise<IteratorResult<Buffer>> {
    while (this.head === this.queue.length && !this.ended) await new Promise<void>((r) => (this.wake = r));
    if (this.head === this.queue.length) return { done: true, value: undefined };
    // piece by piece, never joined: the reader copies only an object that crosses into the next
    // piece (joining everything queued copied every byte and fed the GC megabyte buffers)
    const b = this.queue[this.head]!;
    this.queue[this.head++] = EMPTY;
    this.queued -= b.length;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    if (this.stream.isPaused() && this.queued <= this.limit) this.stream.resume();
    return { done: false, value: b };
  }
}

/**
 * Reads lines and counted byte runs from a stream of buffers. What lies within one buffer is
 * handed out without a copy; only a line or run that crosses into the next buffer is copied,
 * and only its own bytes (the next buffer may hold megabytes).
 */
export class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  /** Moves to the next buffer; false at the end of the stream. */
  private async advance(): Promise<boolean> {
    const r = await this.it.next();
    if (r.done) return false;
    this.buf = r.value;
    this.pos = 0;
    return true;
  }

  /** The next line if it is already in memory (no await: most are), else undefined. */
  lineNow(): string | undefined {
    const nl = this.buf.indexOf(10, this.pos);
    if (nl === -1) return undefined;
    const s = this.buf.toString("utf8", this.pos, nl);
    this.pos = nl + 1;
    return s;
  }

  /** The next `n` bytes if they are already in memory, else undefined. */
  exactNow(n: number): Buffer | undefined {
    if (this.buf.length - this.pos < n) return undefined;
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** The next line without its newline, or null at the end of the stream. */
  async line(): Promise<string | null> {
    const now = this.lineNow();
    if (now !== undefined) return now;
    const parts: Buffer[] = [this.buf.subarray(this.pos)];
    for (;;) {
      if (!(await this.advance())) {
        this.pos = 0;
        return null;
      }
      const nl = this.buf.indexOf(10);
      if (nl === -1) {
        parts.push(this.buf);
        this.pos = this.buf.length;
        continue;
      }
      parts.push(this.buf.subarray(0, nl));
      this.pos = nl + 1;
      return Buffer.concat(parts).toString("utf8");
    }
  }

  /** The next `n` bytes as one buffer (no copy when they are already in memory). */
  async exact(n: number): Promise<Buffer> {
    const now = this.exactNow(n);
    if (now) return now;
    const parts: Buffer[] = [];
    for await (const piece of this.take(n)) parts.push(piece);
    return Buffer.concat(parts, n);
  }

  /** The next `n` bytes, in pieces; throws when the stream ends first. */
  async *take(n: number): AsyncGenerator<Buffer> {
    while (n > 0) {
      if (this.pos >= this.buf.length && !(await this.advance()))
        throw new CatFileStopped("git cat-file stopped mid-object");
      const k = Math.min(n, this.buf.length - this.pos);
      const piece = this.buf.subarray(this.pos, this.pos + k);
      this.pos += k;
      n -= k;
      yield piece;
    }
  }
}
