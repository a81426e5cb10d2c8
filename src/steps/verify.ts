/**
 * After a scan: check whether each pattern-found secret still authenticates (`--verify`: the
 * secret is sent to its provider), then list live copies first (a stable sort keeps the scan's
 * order otherwise).
 */
import type { Finding } from "../types.js";
import type { Spec } from "../verify/spec.js";
import type { Verifier } from "../verify/verifier.js";

/** What the checks found: how many live, revoked, unknown, and the requests sent. */
export interface VerifySummary {
  live: number;
  revoked: number;
  unknown: number;
  requests: number;
}

/** How to check: the rules' specs and a verifier, or what to build them from. */
export interface VerifyStepOptions {
  /** Extra rule folders whose specs apply (the built-in catalog's always do). */
  detectors?: string[];
  /** Provider → base URL replacing the spec's origin (a test server). */
  baseUrls?: Record<string, string>;
  timeoutMs?: number;
  concurrency?: number;
  env?: Record<string, string | undefined>;
  specs?: Map<string, Spec>;
  verifier?: Verifier;
}

/** Verifies the findings in place (`verification`), live ones first; returns them and a summary. */
export async function verifyScanFindings(
  findings: Finding[],
  o: VerifyStepOptions = {},
): Promise<{ findings: Finding[]; summary: VerifySummary }> {
  // the verifier (and the AWS signer) load only when a check is asked for
  const { specsOf, Verifier, verifyFindings } = await import("../verify/index.js");
  const specs =
    o.specs ?? specsOf(await (await import("../detectors/index.js")).loadCatalog(o.detectors ?? []));
  const verifier =
    o.verifier ??
    new Verifier({ baseUrls: o.baseUrls, timeoutMs: o.timeoutMs, concurrency: o.concurrency, env: o.env });
  await verifyFindings(findings, specs, verifier);
  const live = (f: Finding) => (f.verification?.status === "live" ? 0 : 1);
  findings.sort((a, b) => live(a) - live(b));
  const n = (s: string) => findings.filter((f) => f.verification?.status === s).length;
  const summary = {
    live: n("live"),
    revoked: n("revoked"),
    unknown: n("unknown"),
    requests: verifier.requests,
  };
  return { findings, summary };
}
