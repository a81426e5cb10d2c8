/** Reading a text download with a size cap: Slack file snippets and Jira text attachments. */

/** The response body as text, reading at most `cap` bytes (the rest is never downloaded). */
export async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const b of body as unknown as AsyncIterable<Uint8Array>) {
    parts.push(b);
    n += b.length;
    if (n >= cap) break;
  }
  return new TextDecoder().decode(Buffer.concat(parts).subarray(0, cap));
}
