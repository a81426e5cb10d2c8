/** The in-memory index of one manifest: the shared window tables plus keys and entry values. */
import { type Manifest, manifestKeys } from "../manifest/index.js";
import type { ManifestKeys } from "../manifest/keys.js";
import { buildTables, type WindowTables } from "../manifest/tables.js";

/** Typed-array tables of one manifest, with its keys and the few per-entry values matching needs. */
export interface KnownIndex extends WindowTables {
  keys: ManifestKeys;
  ids: string[];
  tiers: string[];
  lengths: Int32Array;
  fps: string[];
  /** Short secrets: length → hash → entry numbers. */
  short: Map<number, Map<number, number[]>>;
  /** PEM body fingerprint → entry numbers. */
  pem: Map<string, number[]>;
}

/** Builds the index of one manifest (throws ManifestError for a missing or wrong key). */
export function buildIndex(m: Manifest, key: string | undefined): KnownIndex {
  const keys = manifestKeys(m, key);
  const tables = m.tables ?? buildTables(m.entries);
  const short = new Map<number, Map<number, number[]>>();
  const pem = new Map<string, number[]>();
  m.entries.forEach((e, i) => {
    if (e.s !== undefined) {
      const byHash = short.get(e.length) ?? new Map<number, number[]>();
      short.set(e.length, byHash);
      byHash.set(e.s, [...(byHash.get(e.s) ?? []), i]);
    }
    if (e.pem) pem.set(e.pem, [...(pem.get(e.pem) ?? []), i]);
  });
  return {
    ...tables,
    keys,
    ids: m.entries.map((e) => e.id),
    tiers: m.entries.map((e) => e.tier),
    lengths: Int32Array.from(m.entries, (e) => e.length),
    fps: m.entries.map((e) => e.fp),
    short,
    pem,
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
