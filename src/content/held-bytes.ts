/**
 * A small binary item's whole bytes, held for the byte checks (a PKCS#12 key file, see
 * match/pkcs12-match.ts), while its stream can still be read once more for known secrets.
 */
import { mayBePkcs12, PKCS12_MAX_BYTES } from "../match/pkcs12-match.js";
import type { ByteItem } from "../types.js";

/** The item's bytes when it may be a key file and is small, and its stream to read (again). */
export async function heldBytes(
  item: ByteItem,
  head: Uint8Array,
  stream: () => AsyncIterable<Uint8Array>,
): Promise<{ bytes?: Uint8Array; stream: () => AsyncIterable<Uint8Array> }> {
  const whole = item.bytes;
  if (whole instanceof Uint8Array)
    return mayBePkcs12(item.name, head, whole.length) ? { bytes: whole, stream } : { stream };
  // the cheap test on the name and head first: most binary items are never held
  if (!mayBePkcs12(item.name, head, head.length)) return { stream };
  const it = stream()[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  for (let n = 0; n <= PKCS12_MAX_BYTES; ) {
    const r = await it.next();
    if (r.done) {
      const bytes = Buffer.concat(parts);
      return { bytes, stream: () => replay([bytes], it) };
    }
    parts.push(r.value);
    n += r.value.length;
  }
  return { stream: () => replay(parts, it) };
}

/** The parts already read, then the rest of the stream. */
async function* replay(parts: Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* parts;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}
