/**
 * Verification specs are data kept with the detector rules (`verify:` in detectors/*.yaml): the
 * request to send and how to read the answer. This module validates them; no code per provider,
 * except the two kinds of signing named by `auth` (HTTP Basic and AWS SigV4).
 */
import { z } from "zod";
import type { DetectorRule, VerifySpec } from "../detectors/types.js";
import { DetectorError } from "../errors.js";

const stringList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const HTTPS = z.string().regex(/^https:\/\/[^/]+(\/.*)?$/, "an https:// URL");

const outcomeSchema = z.strictObject({
  status: z.array(z.number().int().min(100).max(599)).min(1).optional(),
  bodyIncludes: stringList.optional(),
  bodyExcludes: stringList.optional(),
});

const specSchema = z.strictObject({
  provider: z.string().regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/),
  method: z.enum(["GET", "POST", "HEAD"]),
  /** One URL, or several tried in turn while the answer is "revoked" (regional hosts). */
  url: z.union([HTTPS, z.array(HTTPS).min(1).max(8)]),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  auth: z.enum(["basic", "aws-sigv4"]).optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  region: z.string().optional(),
  service: z.string().optional(),
  /** Part name → rule ids (the nearest secret of that rule) or `env:NAME` (the user's environment). */
  requires: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), stringList).optional(),
  /** A regex the value must match to be checked (AWS: AKIA keys; ASIA ones need a session token). */
  only: z.string().optional(),
  live: outcomeSchema,
  revoked: outcomeSchema,
});

/** A validated spec: the fields of VerifySpec plus the companions it needs. */
export type Spec = z.infer<typeof specSchema>;

/** What a status/body pair must satisfy for one outcome. */
export type Outcome = z.infer<typeof outcomeSchema>;

/** Validates a rule's `verify:` block; throws DetectorError naming the file, rule and field. */
export function parseSpec(raw: unknown, where: { file?: string; id?: string } = {}): Spec {
  const r = specSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new DetectorError({
      file: where.file ?? "detectors",
      id: where.id,
      problem: `verify.${issue.path.join(".")}: ${issue.message}`,
    });
  }
  const spec = r.data;
  if (spec.auth === "aws-sigv4" && (!spec.region || !spec.service))
    throw new DetectorError({
      file: where.file ?? "detectors",
      id: where.id,
      problem: "verify: aws-sigv4 needs region and service",
    });
  if (spec.only !== undefined)
    try {
      new RegExp(spec.only);
    } catch {
      throw new DetectorError({
        file: where.file ?? "detectors",
        id: where.id,
        problem: "verify.only: bad regex",
      });
    }
  checkTemplates(spec, where);
  return spec;
}

/** Templates may name `secret` and required parts; a URL's host only parts from the environment. */
function checkTemplates(spec: Spec, where: { file?: string; id?: string }): void {
  const fail = (problem: string) => {
    throw new DetectorError({ file: where.file ?? "detectors", id: where.id, problem: `verify: ${problem}` });
  };
  const parts = requiredParts(spec);
  const known = new Set(["secret", ...parts.map(([n]) => n)]);
  const fromEnv = new Set(parts.filter(([, src]) => src.every((x) => x.startsWith("env:"))).map(([n]) => n));
  const names = (t: string | undefined) =>
    [...(t ?? "").matchAll(/\{\{\s*([^}\s]*)\s*\}\}/g)].map((m) => m[1]!);
  const texts = [
    ...specUrls(spec),
    spec.body,
    spec.username,
    spec.password,
    ...Object.values(spec.headers ?? {}),
  ];
  for (const name of texts.flatMap(names))
    if (!known.has(name))
      fail(`template names "${name}"; allowed: ${[...known].join(", ")} (add it under requires)`);
  // a found value never chooses the host a secret is sent to; the user's environment may
  for (const url of specUrls(spec))
    for (const name of names(/^https:\/\/([^/]+)/.exec(url)![1]))
      if (!fromEnv.has(name)) fail(`the host of ${url} may only name parts from env:, not "${name}"`);
}

/** The URLs of a spec, in the order they are tried. */
export function specUrls(spec: Spec): string[] {
  return typeof spec.url === "string" ? [spec.url] : spec.url;
}

/** The sources of each named part a spec needs: rule ids, or `env:NAME`. */
export function requiredParts(spec: Spec): [name: string, sources: string[]][] {
  return Object.entries(spec.requires ?? {}).map(([n, ids]) => [n, typeof ids === "string" ? [ids] : ids]);
}

/** Rule id → validated spec, for every rule of the catalog that has a `verify:` block. */
export function specsOf(rules: DetectorRule[]): Map<string, Spec> {
  const out = new Map<string, Spec>();
  for (const rule of rules) {
    const raw = (rule as { verify?: VerifySpec }).verify;
    if (raw !== undefined) out.set(rule.id, parseSpec(raw, { file: rule.file, id: rule.id }));
  }
  return out;
}

/** The provider names that have a spec, sorted (for --verify-base-url messages). */
export function specProviders(specs: Iterable<Spec>): string[] {
  return [...new Set([...specs].map((s) => s.provider))].sort();
}

// the parsed spec is the VerifySpec of src/detectors/types.ts: a compile-time check both agree
const _sameShape: (s: Spec) => VerifySpec = (s) => s;
void _sameShape;
