/**
 * Hosts that mark a credential as a sample: names reserved for documentation and tests
 * (RFC 2606 and RFC 6761: example.com/.net/.org, .example, .test, .invalid, .localhost) and the
 * local machine. `https://tobi:hello@example.com` in a doc comment is not a leak of anything live.
 */

const RESERVED_NAME = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/;

/** True when the host is reserved for examples or is the local machine. */
export function isReservedHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^\[(.*)\]$/, "$1");
  return RESERVED_NAME.test(h) || /^127(?:\.\d{1,3}){3}$/.test(h) || h === "0.0.0.0" || h === "::1";
}
