/**
 * What matching needs of an opened manifest's entries, packed: a few strings and typed arrays
 * instead of an object per entry, so 1,000,000 entries cost tens of MB, and posting the manifest
 * to each worker thread copies a handful of values (typed arrays on SharedArrayBuffers are shared,
 * not copied). Labels stay on the main thread (report metadata), out of what workers get.
 */
import type { ManifestKeys } from "./keys.js";
import type { ManifestEntry } from "./schema.js";
import { unseal } from "./seal.js";

/** Packed per-entry data: entry e is ids[e], lengths[e], fps[32e, 32e + 32)... */
export interface EntryData {
  /** The HMAC key of the full fingerprints (derived from the manifest key; never the key itself). */
  fpKey: Uint8Array;
  /** Ids joined by NUL. */
  ids: string;
  /** Tier codes: 0 low, 1 standard, 2 privileged. */
  tiers: Uint8Array;
  lengths: Int32Array;
  /** Full fingerprints, 32 bytes each. */
  fps: Uint8Array;
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

/** Collects entries one at a time into the packed form. */
export class PackBuilder {
  private ids: string[] = [];
  private labels: string[] = [];
  private tiers: number[] = [];
  private lengths: number[] = [];
  private fps = Buffer.alloc(32 * 1024);
  private short: number[] = [];
  private pemEntries: number[] = [];
  private pems: string[] = [];
  count = 0;

  constructor(private readonly keys: ManifestKeys) {}

  /** Adds one entry (its windows go to the tables, not here). */
  add(e: ManifestEntry): void {
    const i = this.count++;
    this.ids.push(e.id);
    this.labels.push(e.label ?? "");
    this.tiers.push(TIER_CODES.indexOf(e.tier));
    this.lengths.push(e.length);
    if (this.fps.length < 32 * this.count) {
      const next = Buffer.alloc(this.fps.length * 2);
      this.fps.copy(next);
      this.fps = next;
    }
    this.fps.write(e.fp, 32 * i, 32, "base64");
    if (e.s !== undefined) this.short.push(i, unseal(this.keys.seal, e.s));
    if (e.pem) {
      this.pemEntries.push(i);
      this.pems.push(e.pem);
    }
  }

  /** The packed data, and the labels joined by NUL (for the main thread only). */
  finish(): { data: EntryData; labels: string } {
    const n = this.count;
    const tiers = shared(Uint8Array, n);
    tiers.set(this.tiers);
    const lengths = shared(Int32Array, 4 * n);
    lengths.set(this.lengths);
    const fps = shared(Uint8Array, 32 * n);
    fps.set(this.fps.subarray(0, 32 * n));
    const data: EntryData = {
      fpKey: Uint8Array.from(this.keys.fp),
      ids: this.ids.join("\u0000"),
      tiers,
      lengths,
      fps,
      short: Uint32Array.from(this.short),
      pemEntries: Int32Array.from(this.pemEntries),
      pems: this.pems.join("\u0000"),
    };
    return { data, labels: this.labels.join("\u0000") };
  }
}

/** The listing fields of every entry of packed data (report metadata), built when asked for. */
export function packedEntries(
  data: EntryData,
  labels: string,
): Pick<ManifestEntry, "id" | "label" | "tier">[] {
  const ids = data.ids.split("\u0000");
  const names = labels.split("\u0000");
  return ids.map((id, e) => ({
    id,
    ...(names[e] ? { label: names[e] } : {}),
    tier: TIER_CODES[data.tiers[e]!]!,
  }));
}
