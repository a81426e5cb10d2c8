/** The manifest file format (version 2), validated on load so a corrupt file is refused clearly. */
import { z } from "zod";

export const TIERS = ["low", "standard", "privileged"] as const;
/** How sensitive a secret is. */
export type Tier = (typeof TIERS)[number];

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64");

/** One entry: listing fields, then fingerprints (nothing else derived from the secret). */
export const entrySchema = z.object({
  id: z.string().min(1),
  label: z.string().optional(),
  tier: z.enum(TIERS),
  length: z.number().int().positive(),
  addedAt: z.string(),
  /** HMAC-SHA-256 of the whole secret. */
  fp: base64,
  /** Packed sealed window hashes, little-endian 32-bit (secrets of 16+ characters). */
  w: base64.optional(),
  /**
   * Packed sealed window hashes of the secret's encoded forms (needles.ts), sorted, padded with
   * random values to a count set by the length (format 3; absent: scans decode all text).
   */
  x: base64.optional(),
  /** Sealed whole-secret 32-bit hash (secrets of 8 to 15 characters). */
  s: z.number().int().nonnegative().optional(),
  /** HMAC of the normalised PEM body, when the secret holds a PEM block. */
  pem: base64.optional(),
});

/** The whole file; entries are checked one by one (checkEntry) so 100,000 are not copied. */
export const manifestSchema = z.object({
  format: z.literal("residue-manifest"),
  /** 3: entries may hold needles (`x`); 2 (still read): none, so scans decode all text. */
  version: z.union([z.literal(2), z.literal(3)]),
  /** Names the key (kept outside the file) that every fingerprint here is keyed with. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/, "expected 16 hex digits"),
  /** Random per manifest, so one key can serve several manifests without linking them. */
  salt: base64,
  window: z.literal(13),
  /** Total window hashes and needles of the entries (lets a scan size its tables before reading them). */
  windows: z.number().int().nonnegative().optional(),
  /** How many entries (lets a scan size its entry arrays; the real count may differ). */
  count: z.number().int().nonnegative().optional(),
  /**
   * True when every secret is ASCII (written by `manifest add`; absent: unknown), so a scan may
   * look for them in the raw bytes of UTF-8 text (every form of an ASCII secret is the same bytes).
   */
  ascii: z.boolean().optional(),
  entries: z.array(z.unknown()),
});

/** Checks one entry in place; returns the problem (`field: what`) or undefined. */
export function checkEntry(e: unknown): string | undefined {
  if (!e || typeof e !== "object") return "not an object";
  const o = e as Record<string, unknown>;
  if (typeof o.id !== "string" || !o.id || o.id.includes("\u0000")) return "id: expected a non-empty string";
  if (o.label !== undefined && typeof o.label !== "string") return "label: expected a string";
  if (!TIERS.includes(o.tier as Tier)) return `tier: expected ${TIERS.join(", ")}`;
  if (!Number.isInteger(o.length) || (o.length as number) < 1) return "length: expected a positive integer";
  if (typeof o.addedAt !== "string") return "addedAt: expected a string";
  if (typeof o.fp !== "string" || o.fp.length !== 44) return "fp: expected a 44-character base64 fingerprint";
  // fingerprints are only compared, never decoded: their length is checked, not their alphabet
  if (o.pem !== undefined && (typeof o.pem !== "string" || o.pem.length !== 44))
    return "pem: expected base64";
  // the packed windows are only length-checked when loaded (a regex over 100,000 of them is slow)
  if (o.w !== undefined && typeof o.w !== "string") return "w: expected base64";
  if (o.x !== undefined && typeof o.x !== "string") return "x: expected base64";
  if (o.s !== undefined && (!Number.isInteger(o.s) || (o.s as number) < 0))
    return "s: expected a 32-bit hash";
  if ((o.length as number) >= 16 ? o.w === undefined : o.s === undefined)
    return "no fingerprint of the matching kind";
  return undefined;
}

/** A parsed entry. */
export type ManifestEntry = z.infer<typeof entrySchema>;
/** A parsed file. */
export type ManifestFile = Omit<z.infer<typeof manifestSchema>, "entries"> & { entries: ManifestEntry[] };
