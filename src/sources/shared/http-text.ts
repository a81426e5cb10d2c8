/** Reading a download with a size cap: Slack files and Jira attachments. */

/** The response body's bytes, reading at most `cap` (the rest is never downloaded). */
export async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const b of body as unknown as AsyncIterable<Uint8Array>) {
    parts.push(b);
    n += b.length;
    if (n >= cap) break;
  }
  return Buffer.concat(parts).subarray(0, cap);
}
