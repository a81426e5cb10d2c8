/**
 * GitHub's token checksum (2021 formats ghp_/gho_/ghu_/ghs_/ghr_): the last 6 characters are the
 * CRC32 of the 30-character random body, in base62 (0-9A-Za-z), left-padded with zeros.
 */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** CRC32 (IEEE) of an ASCII string. */
export function crc32(s: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ s.charCodeAt(i)) & 0xff]!;
  return (crc ^ 0xffffffff) >>> 0;
}

/** A number in base62, left-padded with zeros to `width`. */
export function base62(n: number, width: number): string {
  let out = "";
  do {
    out = BASE62[n % 62]! + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

/** The checksum GitHub appends to a 30-character token body. */
export function githubChecksum(body: string): string {
  return base62(crc32(body), 6);
}

/** True when the token is gh[pousr]_ + 30 body characters + their 6-character checksum. */
export function isGithubChecksumValid(value: string): boolean {
  const m = /^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(value);
  return !!m && githubChecksum(m[1]!) === m[2];
}
