/**
 * The one helper that keeps credentials in URLs out of everything residue prints or stores
 * (targets, errors, notices, findings, the sweep store): the user-info of every URL
 * (`https://oauth2:TOKEN@host`) and every token-like query parameter (`?token=…`, `&sig=…`,
 * `X-Amz-Signature=…`) in a text become `***`. Masking more than needed is harmless; less is a leak.
 */

/** Query parameter names whose values are credentials (matched case-insensitively, as substrings). */
const TOKEN_NAMES = /token|secret|pass|pwd|key|sig|auth|credential|session|code|jwt|bearer|api/i;

// scheme://userinfo@ — the user-info runs to the last @ before the path, query or fragment
const USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]*(?:@[^\s/?#@"'<>]*)*@/gi;
// ?name=value or &name=value (also in targets such as `slack:?token=…`)
const PARAM = /([?&;])([^=&#\s"'<>?]+)=([^&#\s"'<>]*)/g;

/** The text with every URL's user-info and token-like query parameters masked. */
export function maskUrls(text: string): string {
  if (!text.includes("@") && !text.includes("=")) return text;
  return text
    .replace(USER_INFO, "$1***@")
    .replace(PARAM, (all, sep: string, name: string, value: string) =>
      value && TOKEN_NAMES.test(decodeName(name)) ? `${sep}${name}=***` : all,
    );
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Masks every URL-valued string of an object, one level deep (a finding's location). */
export function maskValues<T extends object>(o: T): T {
  let out: T | undefined;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== "string" || !v.includes("://")) continue;
    const masked = maskUrls(v);
    if (masked === v) continue;
    out ??= { ...o };
    (out as Record<string, unknown>)[k] = masked;
  }
  return out ?? o;
}
