/** JWT structure: three base64url segments whose header decodes to a JSON object with `alg`. */

/** Decodes base64url (padding optional); undefined when the text is not base64url. */
function b64url(s: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(s)) return undefined;
  return Buffer.from(s.replace(/=+$/, ""), "base64url").toString("utf8");
}

/** True when the value is header.payload.signature with a JSON header holding `alg`. */
export function isJwt(value: string): boolean {
  const parts = value.split(".");
  if (parts.length !== 3 || !parts[0] || !parts[1]) return false;
  const header = b64url(parts[0]);
  if (header === undefined) return false;
  try {
    const h: unknown = JSON.parse(header);
    return typeof h === "object" && h !== null && typeof (h as { alg?: unknown }).alg === "string";
  } catch {
    return false;
  }
}
