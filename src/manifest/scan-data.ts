/**
 * What matching needs of a loaded manifest's entries, packed: a few strings and typed arrays
 * instead of 100,000 objects, so posting the manifest to each worker thread copies a handful of
 * values (typed arrays on SharedArrayBuffers are shared, not copied). The entries themselves stay
 * on the manifest for the main thread (listing, report metadata) but are not enumerable, so a
 * structured clone leaves them behind.
 */
import type { ManifestKeys } from "./keys.js";
import type { ManifestEntry } from "./schema.js";
import { unseal } from "./seal.js";

/** Packed per-entry data: entry e is ids[e], lengths[e], fps[e]... */
export interface EntryData {
  /** The HMAC key of the full fingerprints (derived from the manifest key; never the key itself). */
  fpKey: Uint8Array;
  /** Ids joined by NUL. */
  ids: string;
  /** Tier codes: 0 low, 1 standard, 2 privileged. */
  tiers: Uint8Array;
  lengths: Int32Array;
  /** Full fingerprints (base64, 44 characters each) concatenated. */
  fps: string;
  /** Short secrets: [entry, unsealed hash] pairs. */
  short: Uint32Array;
  /** PEM fingerprints: entry numbers, and their fingerprints joined by NUL. */
  pemEntries: Int32Array;
  pems: string;
}

export const TIER_CODES = ["low", "standard", "privileged"] as const;

function shared<T>(Ctor: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(4, bytes)));
}

/** Packs the entries, unsealing their short-secret hashes. */
export function packEntries(entries: ManifestEntry[], keys: ManifestKeys): EntryData {
  const tiers = shared(Uint8Array, entries.length);
  const lengths = shared(Int32Array, 4 * entries.length);
  const short: number[] = [];
  const pemEntries: number[] = [];
  const pems: string[] = [];
  entries.forEach((e, i) => {
    tiers[i] = TIER_CODES.indexOf(e.tier);
    lengths[i] = e.length;
    if (e.s !== undefined) short.push(i, unseal(keys.seal, e.s));
    if (e.pem) {
      pemEntries.push(i);
      pems.push(e.pem);
    }
  });
  return {
    fpKey: Uint8Array.from(keys.fp),
    ids: entries.map((e) => e.id).join("\u0000"),
    tiers,
    lengths,
    fps: entries.map((e) => e.fp).join(""),
    short: Uint32Array.from(short),
    pemEntries: Int32Array.from(pemEntries),
    pems: pems.join("\u0000"),
  };
}

/** Hides the entries from structured clone (workers use the packed data). */
export function hideEntries(m: { entries: ManifestEntry[] }): void {
  Object.defineProperty(m, "entries", {
    value: m.entries,
    enumerable: false,
    writable: true,
    configurable: true,
  });
}
