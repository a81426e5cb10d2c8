/**
 * The preview a person reads for a copy: the redacted form, except for a PEM key, whose first
 * and last characters are dashes: it is named by type and size instead ("RSA private key, 2048
 * bits"), read from the key itself, never shown.
 */
import { createPrivateKey } from "node:crypto";

const PEM = /-----BEGIN ([A-Z0-9 ]{1,40})-----/;

/** What a PEM block is, or undefined when the value is not one. */
export function pemSummary(value: string): string | undefined {
  const m = PEM.exec(value);
  if (!m) return undefined;
  const label = m[1]!.toLowerCase().replace(/^(rsa|ec|dsa|openssh|encrypted|pgp) /, (t) => t.toUpperCase());
  try {
    const key = createPrivateKey(value.replace(/\\n/g, "\n"));
    const d = key.asymmetricKeyDetails ?? {};
    const size = d.modulusLength ? `, ${d.modulusLength} bits` : d.namedCurve ? `, ${d.namedCurve}` : "";
    return `${(key.asymmetricKeyType ?? "").toUpperCase()} private key${size}`.trim();
  } catch {
    // encrypted, truncated or a format node cannot read: the header still says what it is
    return `${label} (PEM)`;
  }
}

/** The preview of a secret's value: the PEM summary, else its redacted form. */
export function previewOf(value: string, redacted: string): string {
  return pemSummary(value) ?? redacted;
}
