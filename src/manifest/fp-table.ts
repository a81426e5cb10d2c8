/**
 * The fingerprints of a manifest being edited, as bytes in one buffer behind an open-addressing
 * index, instead of a Map of a million base64 strings (about 90 MB of live heap, which V8 lets
 * grow to twice that before it collects: `manifest add` of 1,000,000 secrets peaked at 1 GB).
 */
import { createHmac } from "node:crypto";

/** Bytes of an HMAC-SHA-256 fingerprint. */
const FP = 32;

/** Fingerprints numbered in the order added; a lookup finds the number of an equal one. */
export class FpTable {
  private bytes = Buffer.alloc(FP * 1024);
  private slots = new Int32Array(2048).fill(-1);
  count = 0;

  /** The number of an equal fingerprint added before, or -1 after adding this one as the next. */
  addOrFind(fp: Uint8Array): number {
    const mask = this.slots.length - 1;
    for (let s = this.home(fp) & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s]!;
      if (at === -1) break;
      if (this.bytes.compare(fp, 0, FP, FP * at, FP * at + FP) === 0) return at;
    }
    if (FP * (this.count + 1) > this.bytes.length) {
      const next = Buffer.alloc(2 * this.bytes.length);
      this.bytes.copy(next);
      this.bytes = next;
    }
    this.bytes.set(fp.subarray(0, FP), FP * this.count);
    this.place(this.count++);
    if (2 * this.count > this.slots.length) this.rehash();
    return -1;
  }

  /** The fingerprint numbered `i`, in base64 as a manifest entry holds it. */
  base64(i: number): string {
    return this.bytes.toString("base64", FP * i, FP * i + FP);
  }

  private home(fp: Uint8Array, at = 0): number {
    return (fp[at]! | (fp[at + 1]! << 8) | (fp[at + 2]! << 16) | (fp[at + 3]! << 24)) >>> 0;
  }

  private place(i: number): void {
    const mask = this.slots.length - 1;
    let s = this.home(this.bytes, FP * i) & mask;
    while (this.slots[s] !== -1) s = (s + 1) & mask;
    this.slots[s] = i;
  }

  private rehash(): void {
    this.slots = new Int32Array(2 * this.slots.length).fill(-1);
    for (let i = 0; i < this.count; i++) this.place(i);
  }
}

/** The raw fingerprint of a secret (what `fingerprint` gives in base64). */
export function fingerprintBytes(fpKey: Uint8Array, value: string): Buffer {
  return createHmac("sha256", fpKey).update(value, "utf8").digest();
}
