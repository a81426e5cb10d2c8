/** Byte-stream plumbing of the archive readers: peeking at a head, feeding a transform. */

/** Reads the first `n` bytes of a stream without losing them. */
export async function peekHead(
  bytes: AsyncIterable<Uint8Array>,
  n: number,
): Promise<{ head: Buffer; stream: AsyncIterable<Uint8Array> }> {
  const it = bytes[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    parts.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(parts);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    if (!done) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head, stream: rest() };
}

/** A writable stream as far as feeding it goes (node streams and streamx alike). */
export interface Feedable {
  write(b: Uint8Array): boolean;
  end(): unknown;
  destroy(err?: Error): unknown;
  once(event: string, fn: () => void): unknown;
  destroyed: boolean;
}

/** Resolves when a writable drains or closes, leaving no listener behind. */
function drainOrClose(out: Feedable & { off?(event: string, fn: () => void): unknown }): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      out.off?.("drain", done);
      out.off?.("close", done);
      resolve();
    };
    out.once("drain", done);
    out.once("close", done);
  });
}

/** Writes an async byte stream into a writable with backpressure; a read error destroys it. */
export function feed(input: AsyncIterable<Uint8Array>, out: Feedable): Promise<void> {
  return (async () => {
    for await (const b of input) {
      if (out.destroyed) return;
      if (!out.write(b)) await drainOrClose(out);
    }
    if (!out.destroyed) out.end();
  })().catch((err) => void out.destroy(err as Error));
}

/** Feeds an async byte stream into a transform and yields its output; errors surface on read. */
export async function* pipeInto(
  input: AsyncIterable<Uint8Array>,
  transform: Feedable & AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const feeding = feed(input, transform);
  try {
    for await (const b of transform) yield b;
  } finally {
    transform.destroy();
    await feeding;
  }
}
