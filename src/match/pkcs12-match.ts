/**
 * The one pattern check that reads bytes instead of text: a small `.p12`/`.pfx` (or bytes that
 * open like a PKCS#12 DER SEQUENCE) whose MAC verifies with a published default password. Pattern
 * rules never see binary content, so the binary readers call this hook once per small file.
 */
import { createHash } from "node:crypto";
import type { DetectorRule } from "../detectors/types.js";
import type { RawMatch } from "../types.js";
import { pkcs12DefaultPassword } from "./pkcs12.js";

/** The rule id such a file is reported under (Google issues `.p12` service-account keys so). */
export const PKCS12_RULE_ID = "gcp.service-account-p12";

/**
 * Whether a selected catalog rule brings this built-in check along: it runs with the rules of its
 * provider (gcp) or of private keys, so `--rules gcp` or `--rules private-key` selects it too.
 */
export function selectsPkcs12(rule: DetectorRule): boolean {
  return rule.provider === "gcp" || rule.tags.includes("private-key");
}

/** Largest file checked (real key files are a few KB). */
export const PKCS12_MAX_BYTES = 1 << 20;

/** Cheap test first: the name, or a DER SEQUENCE header followed by INTEGER version 3. */
export function mayBePkcs12(name: string, head: Uint8Array, size: number): boolean {
  if (size > PKCS12_MAX_BYTES || size < 16) return false;
  if (/\.(p12|pfx)$/i.test(name)) return true;
  if (head[0] !== 0x30) return false;
  const lenBytes = head[1]! & 0x80 ? head[1]! & 0x7f : 0;
  const at = 2 + lenBytes;
  return head[at] === 0x02 && head[at + 1] === 0x01 && head[at + 2] === 0x03;
}

/**
 * A pattern match for the whole file when it opens with a default password. The value is a
 * digest of the file's bytes (stable, and no key material ever reaches the finding's text).
 */
export function pkcs12Matches(bytes: Uint8Array, name: string): RawMatch[] {
  if (!mayBePkcs12(name, bytes.subarray(0, 8), bytes.length)) return [];
  if (!pkcs12DefaultPassword(bytes)) return [];
  const value = `pkcs12:${createHash("sha256").update(bytes).digest("hex")}`;
  return [
    {
      start: 0,
      end: 0,
      kind: "pattern",
      ruleId: PKCS12_RULE_ID,
      form: "plain",
      match: "exact",
      coverage: 1,
      value,
      severity: "critical",
      confidence: "high",
    },
  ];
}
