/** The manifest file format (version 1), validated on load so a corrupt file is refused clearly. */
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
  /** Packed window hashes and checks (secrets of 16+ characters). */
  w: base64.optional(),
  /** Whole-secret 32-bit hash (secrets under 16 characters). */
  s: z.number().int().nonnegative().optional(),
  /** HMAC of the normalised PEM body, when the secret holds a PEM block. */
  pem: base64.optional(),
});

/** The whole file. */
export const manifestSchema = z.object({
  format: z.literal("residue-manifest"),
  version: z.literal(1),
  keyed: z.boolean(),
  salt: base64,
  /** Keyed manifests: tells a wrong RESIDUE_MANIFEST_KEY from the right one. */
  verifier: z.string().optional(),
  window: z.literal(13),
  entries: z.array(entrySchema),
});

/** A parsed entry. */
export type ManifestEntry = z.infer<typeof entrySchema>;
/** A parsed file. */
export type ManifestFile = z.infer<typeof manifestSchema>;
