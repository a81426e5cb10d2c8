/** Base64 values that hold text: a Basic header's `user:pass`, a Kubernetes Secret's token. */

/** The value decoded from base64 (or base64url) when it decodes to printable ASCII, else undefined. */
export function base64Text(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, "base64").toString("latin1");
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}
