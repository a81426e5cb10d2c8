/**
 * Reads a provider's answer: `revoked` is tested before `live` (Google answers 200 with "API key
 * not valid"), a 429 is always unknown, anything neither outcome names is unknown. Every detail
 * is scrubbed of the secret values, since answers and error messages may echo them.
 */
import { redact } from "../secret.js";
import type { Outcome, Spec } from "./spec.js";

/** The conclusion about one secret. */
export type VerificationStatus = "live" | "revoked" | "unknown";

/** A finding's `verification`, and one result of `residue verify`. */
export interface Verification {
  status: VerificationStatus;
  checkedAt: string;
  detail: string;
}

const asList = (v: string | string[] | undefined) =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

/** True when the status and body satisfy every check an outcome names (and it names one). */
export function outcomeMatches(o: Outcome, status: number, body: string): boolean {
  const includes = asList(o.bodyIncludes);
  const excludes = asList(o.bodyExcludes);
  if (!o.status && !includes && !excludes) return false;
  if (o.status && !o.status.includes(status)) return false;
  if (includes && !includes.some((s) => body.includes(s))) return false;
  if (excludes?.some((s) => body.includes(s))) return false;
  return true;
}

/** The status a provider's answer means. */
export function classify(spec: Spec, status: number, body: string): VerificationStatus {
  if (status === 429) return "unknown";
  if (outcomeMatches(spec.revoked, status, body)) return "revoked";
  if (outcomeMatches(spec.live, status, body)) return "live";
  return "unknown";
}

/** Whether the spec reads the body at all (else the body is not downloaded). */
export function readsBody(spec: Spec): boolean {
  return [spec.live, spec.revoked].some((o) => o.bodyIncludes !== undefined || o.bodyExcludes !== undefined);
}

/** Replaces every secret value (plain and percent-encoded) in a text with its redacted form. */
export function scrub(text: string, values: string[]): string {
  let out = text;
  for (const v of values) {
    if (v.length < 4) continue;
    for (const form of new Set([v, encodeURIComponent(v), Buffer.from(v).toString("base64")]))
      out = out.split(form).join(redact(v));
  }
  return out;
}

/** The short human reason for an outcome. */
export function describe(status: VerificationStatus, httpStatus: number, where: string): string {
  if (httpStatus === 429) return `${where}: HTTP 429, rate limited; try again later`;
  if (status === "live") return `${where}: HTTP ${httpStatus}, the secret authenticates`;
  if (status === "revoked") return `${where}: HTTP ${httpStatus}, the secret is rejected`;
  return `${where}: HTTP ${httpStatus}, an answer the spec does not recognise`;
}
