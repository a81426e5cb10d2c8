/** The exact-only paths of the known matcher: secrets under 16 characters, and PEM key bodies. */
import { fingerprint, pemBody, shortHash } from "../manifest/keys.js";
import type { RawMatch } from "../types.js";
import { idOf, isExact, type KnownIndex, tierOf } from "./known-index.js";

/** Secrets under 16 characters: exact copies only, one hash per position and length. */
export function scanShort(ix: KnownIndex, text: string, out: RawMatch[]): void {
  for (const [len, byHash] of ix.short) {
    for (let i = 0; i + len <= text.length; i++) {
      const entries = byHash.get(shortHash(text, i, len));
      if (!entries) continue;
      const value = text.slice(i, i + len);
      for (const e of entries) {
        if (!isExact(ix, e, value)) continue;
        out.push({
          start: i,
          end: i + len,
          kind: "known",
          secretId: idOf(ix, e),
          form: "plain",
          match: "exact",
          coverage: 1,
          value,
          tier: tierOf(ix, e),
        });
      }
    }
  }
}

/** PEM blocks whose normalised body (no whitespace, no literal \n) is a manifest key's. */
export function scanPem(ix: KnownIndex, text: string, out: RawMatch[]): void {
  for (let at = 0, block = pemBody(text); block; block = pemBody(text, at)) {
    at = block.start + 11;
    const entries = ix.pem.get(fingerprint(ix.fpKey, `pem:${block.body}`));
    if (!entries) continue;
    at = block.end;
    const value = text.slice(block.start, block.end);
    for (const e of entries) {
      out.push({
        start: block.start,
        end: block.end,
        kind: "known",
        secretId: idOf(ix, e),
        form: "pem",
        match: "exact",
        coverage: 1,
        value,
        tier: tierOf(ix, e),
      });
    }
  }
}
