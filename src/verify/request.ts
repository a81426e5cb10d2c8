/**
 * Turns a spec and a secret into the HTTP request to send: templates filled in (`{{secret}}` and
 * the names under `requires`), the origin swapped for a --verify-base-url override, HTTP Basic or
 * AWS SigV4 applied. The result holds the secret, so it never leaves this module's callers.
 */
import type { Spec } from "./spec.js";

/** A request ready for fetch. */
export interface BuiltRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** The values a template may name: `secret` and each companion part. */
export type TemplateValues = Record<string, string>;

/** Fills `{{name}}` placeholders; `encode` percent-encodes values (URLs). */
export function fillTemplate(template: string, values: TemplateValues, encode = false): string {
  return template.replace(/\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g, (_whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`template names unknown part "${name}"`);
    // ":" stays as is: Telegram bot tokens sit in the path as `bot<id>:<token>`
    return encode ? encodeURIComponent(v).replace(/%3A/g, ":") : v;
  });
}

/** The spec's URL with its origin replaced by `base` (whose path, if any, becomes a prefix). */
export function targetUrl(specUrl: string, values: TemplateValues, base?: string): URL {
  const url = new URL(fillTemplate(specUrl, values, true));
  if (!base) return url;
  const b = new URL(base);
  const prefix = b.pathname.replace(/\/+$/, "");
  return new URL(`${prefix}${url.pathname}${url.search}`, b.origin);
}

/** Builds the request for one secret to one of the spec's URLs; signs it when the spec says so. */
export async function buildRequest(
  spec: Spec,
  specUrl: string,
  values: TemplateValues,
  base?: string,
  now: Date = new Date(),
): Promise<BuiltRequest> {
  const url = targetUrl(specUrl, values, base);
  const headers: Record<string, string> = { "user-agent": "residue-verify" };
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k.toLowerCase()] = fillTemplate(v, values);
  const body = spec.body === undefined ? undefined : fillTemplate(spec.body, values);
  const req: BuiltRequest = { method: spec.method, url, headers, body };
  if (spec.auth === "basic") {
    const user = fillTemplate(spec.username ?? "", values);
    const pass = fillTemplate(spec.password ?? "", values);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
  } else if (spec.auth === "aws-sigv4") {
    await signAws(req, spec, values, now);
  }
  return req;
}

/** Signs with the maintained SigV4 signer (never hand-rolled); the host signed is the one sent to. */
async function signAws(req: BuiltRequest, spec: Spec, values: TemplateValues, now: Date): Promise<void> {
  // the spec's username/password templates name the access key id and the secret access key
  const accessKeyId = fillTemplate(spec.username ?? "", values);
  const secretAccessKey = fillTemplate(spec.password ?? "", values);
  // loaded on demand: only AWS checks need the signer
  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([
    import("@smithy/signature-v4"),
    import("@aws-crypto/sha256-js"),
  ]);
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region: spec.region!,
    service: spec.service!,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: req.method,
      protocol: req.url.protocol,
      hostname: req.url.hostname,
      port: req.url.port ? Number(req.url.port) : undefined,
      path: req.url.pathname,
      query: Object.fromEntries(req.url.searchParams),
      headers: { ...req.headers, host: req.url.host },
      body: req.body,
    },
    { signingDate: now },
  );
  for (const [k, v] of Object.entries(signed.headers)) if (k !== "host") req.headers[k.toLowerCase()] = v;
}
