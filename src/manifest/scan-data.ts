/**
 * What matching needs of an opened manifest's entries, packed: a few strings and typed arrays
 * instead of an object per entry, so 1,000,000 entries cost tens of MB, and posting the manifest
 * to each worker thread copies a handful of values (typed arrays on SharedArrayBuffers are shared,
 * not copied). Labels stay on the main thread (report metadata), out of what workers get.
 */
import type { ManifestKeys } from "./keys.js";
import type { ManifestEntry } from "./schema.js";
import { unseal } from "./seal.js";

/** Packed per-entry data: entry e is ids[e], lengths[e], fps[16e, 16e + 16)... */
export interface EntryData {
  /** The HMAC key of the full fingerprints (derived from the manifest key; never the key itself). */
  fpKey: Uint8Array;
  /** Ids joined by NUL. */
  ids: string;
  /** Tier codes: 0 low, 1 standard, 2 privileged. */
  tiers: Uint8Array;
  lengths: Int32Array;
  /** Full fingerprints, their first FP_BYTES bytes each. */
  fps: Uint8Array;
  /** Short secrets: [entry, unsealed hash] pairs. */
  short: Uint32Array;
  /** PEM fingerprints: entry numbers, and their fingerprints joined by NUL. */
  pemEntries: Int32Array;
  pems: string;
  /** Every entry's needles are in the tables: encoded copies are found without decoding all text. */
  needles: boolean;
}

export const TIER_CODES = ["low", "standard", "privileged"] as const;

function shared<T>(Ctor: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(4, bytes)));
}

/**
 * Bytes of each full fingerprint kept for matching: 64 bits of the HMAC decide a whole copy (a
 * candidate already matched the secret's windows; a false "exact" is a 2^-64 chance), 8 MB less
 * for a million entries than 128 bits.
 */
export const FP_BYTES = 8;

/**
 * Strings joined by NUL, written as UTF-8 into one reused 64 KB buffer that becomes a string
 * part each time it fills (a million small strings kept alive would pile up in the old
 * generation; one buffer the size of all of them stayed allocated to the end of a scan).
 */
class Joiner {
  private buf = Buffer.allocUnsafe(1 << 16);
  private parts: string[] = [];
  private len = 0;
  private n = 0;
  push(s: string): void {
    if (this.len + 1 + 3 * s.length > this.buf.length) {
      this.parts.push(this.buf.toString("utf8", 0, this.len));
      this.len = 0;
      if (1 + 3 * s.length > this.buf.length) this.buf = Buffer.allocUnsafe(1 + 3 * s.length);
    }
    if (this.n++) this.buf[this.len++] = 0;
    this.len += this.buf.write(s, this.len);
  }
  join(): string {
    this.parts.push(this.buf.toString("utf8", 0, this.len));
    const all = this.parts.join("");
    this.parts = [];
    return all;
  }
}

/** Collects entries one at a time into the packed form (in shared memory, grown by doubling). */
export class PackBuilder {
  private ids: Joiner;
  private labels: Joiner;
  private tiers = shared(Uint8Array, 1024);
  private lengths = shared(Int32Array, 4 * 1024);
  private fps = shared(Uint8Array, FP_BYTES * 1024);
  private short: number[] = [];
  private pemEntries: number[] = [];
  private pems: string[] = [];
  count = 0;

  /** `expected`: the header's entry count, so a million entries are not grown by doubling. */
  constructor(
    private readonly keys: ManifestKeys,
    expected = 0,
  ) {
    const n = Math.min(expected, 1 << 24);
    this.ids = new Joiner();
    this.labels = new Joiner();
    if (n > 1024) this.grow(n);
  }

  /** Adds one entry (its windows go to the tables, not here). */
  add(e: ManifestEntry): void {
    const i = this.count++;
    if (i === this.tiers.length) this.grow();
    this.ids.push(e.id);
    this.labels.push(e.label ?? "");
    this.tiers[i] = TIER_CODES.indexOf(e.tier);
    this.lengths[i] = e.length;
    this.fps.set(Buffer.from(e.fp, "base64").subarray(0, FP_BYTES), FP_BYTES * i);
    if (e.s !== undefined) this.short.push(i, unseal(this.keys.seal, e.s));
    if (e.pem) {
      this.pemEntries.push(i);
      this.pems.push(e.pem);
    }
  }

  private grow(size = 0): void {
    const n = Math.max(size, 2 * this.tiers.length);
    const tiers = shared(Uint8Array, n);
    tiers.set(this.tiers);
    const lengths = shared(Int32Array, 4 * n);
    lengths.set(this.lengths);
    const fps = shared(Uint8Array, FP_BYTES * n);
    fps.set(this.fps);
    Object.assign(this, { tiers, lengths, fps });
  }

  /** The packed data, and the labels joined by NUL (for the main thread only). */
  finish(needles = false): { data: EntryData; labels: string } {
    const n = this.count;
    const data: EntryData = {
      fpKey: Uint8Array.from(this.keys.fp),
      ids: this.ids.join(),
      tiers: this.tiers.subarray(0, n),
      lengths: this.lengths.subarray(0, n),
      fps: this.fps.subarray(0, FP_BYTES * n),
      short: Uint32Array.from(this.short),
      pemEntries: Int32Array.from(this.pemEntries),
      pems: this.pems.join("\u0000"),
      needles,
    };
    return { data, labels: this.labels.join() };
  }
}

/** The listing fields of every entry of packed data (or only of those with a label or a tier other than standard). */
export function packedEntries(
  data: EntryData,
  labels: string,
  described = false,
): Pick<ManifestEntry, "id" | "label" | "tier">[] {
  // walked with indexOf, not split: no second array of a million strings on the way
  const out: Pick<ManifestEntry, "id" | "label" | "tier">[] = [];
  const labelled = labels.replaceAll("\u0000", "") !== "";
  for (let e = 0, at = 0, l = 0; e < data.lengths.length; e++) {
    const end = next(data.ids, at);
    const lend = labelled ? next(labels, l) : l;
    const tier = TIER_CODES[data.tiers[e]!]!;
    if (lend > l) out.push({ id: data.ids.slice(at, end), label: labels.slice(l, lend), tier });
    else if (!described || tier !== "standard") out.push({ id: data.ids.slice(at, end), tier });
    at = end + 1;
    l = lend + 1;
  }
  return out;
}

/** Where the NUL-separated field starting at `at` ends. */
function next(text: string, at: number): number {
  const end = text.indexOf("\u0000", at);
  return end === -1 ? text.length : end;
}
