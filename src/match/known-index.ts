/** The in-memory index of one opened manifest: the shared window tables plus entry values. */
import { createHmac } from "node:crypto";
import { ManifestError } from "../errors.js";
import type { Manifest } from "../manifest/index.js";
import { FP_BYTES, TIER_CODES } from "../manifest/scan-data.js";
import type { WindowTables } from "../manifest/tables.js";

/** Typed-array tables of one manifest, with its keys and the few per-entry values matching needs. */
export interface KnownIndex extends WindowTables {
  /** HMAC key of the full fingerprints. */
  fpKey: Uint8Array;
  /** Ids joined by NUL, and where each starts (no array of 100,000 strings per thread). */
  idText: string;
  idStarts: Int32Array;
  tiers: Uint8Array;
  lengths: Int32Array;
  /** Full fingerprints, their first FP_BYTES bytes each. */
  fps: Uint8Array;
  /** Short secrets: length → hash → entry numbers. */
  short: Map<number, Map<number, number[]>>;
  /** PEM body fingerprint → entry numbers. */
  pem: Map<string, number[]>;
  /** Every entry's needles are in the tables. */
  needles: boolean;
}

/** Builds the index of one manifest opened with its key (loadManifest). */
export function buildIndex(m: Manifest): KnownIndex {
  const { tables, packed: data } = m;
  if (!tables || !data)
    throw new ManifestError(`${m.path ?? "manifest"}: not opened with its key (load it with loadManifest)`);
  const short = new Map<number, Map<number, number[]>>();
  for (let i = 0; i < data.short.length; i += 2) {
    const e = data.short[i]!;
    const len = data.lengths[e]!;
    const byHash = short.get(len) ?? new Map<number, number[]>();
    short.set(len, byHash);
    byHash.set(data.short[i + 1]!, [...(byHash.get(data.short[i + 1]!) ?? []), e]);
  }
  const pem = new Map<string, number[]>();
  data.pems.split("\u0000").forEach((fp, i) => {
    if (fp) pem.set(fp, [...(pem.get(fp) ?? []), data.pemEntries[i]!]);
  });
  const idStarts = new Int32Array(data.lengths.length + 1);
  for (let e = 1, at = 0; e <= data.lengths.length; e++) {
    at = data.ids.indexOf("\u0000", at) + 1 || data.ids.length + 1;
    idStarts[e] = at;
  }
  return {
    ...tables,
    fpKey: data.fpKey,
    idText: data.ids,
    idStarts,
    tiers: data.tiers,
    lengths: data.lengths,
    fps: data.fps,
    short,
    pem,
    needles: data.needles === true,
  };
}

/** The entry owning window w (binary search over base). */
export function entryOf(ix: KnownIndex, w: number): number {
  let lo = 0;
  let hi = ix.base.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ix.base[mid]! <= w) lo = mid;
    else hi = mid - 1;
  }
  // entries without windows share a base with the next one: skip to the one that owns w
  while (ix.base[lo + 1]! <= w) lo++;
  return lo;
}

/** True when value's keyed fingerprint is entry e's (an exact copy). */
export function isExact(ix: KnownIndex, e: number, value: string): boolean {
  const fp = createHmac("sha256", ix.fpKey).update(value, "utf8").digest();
  for (let i = 0; i < FP_BYTES; i++) if (fp[i] !== ix.fps[FP_BYTES * e + i]) return false;
  return true;
}

/** The id of entry e. */
export function idOf(ix: KnownIndex, e: number): string {
  return ix.idText.slice(ix.idStarts[e]!, ix.idStarts[e + 1]! - 1);
}

/** The tier of entry e. */
export function tierOf(ix: KnownIndex, e: number): string {
  return TIER_CODES[ix.tiers[e]!]!;
}
