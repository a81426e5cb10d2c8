/**
 * `residue scan` options for the verify area (issue #8): `--verify` is opt-in (it sends found
 * secrets to their providers); the other options shape the requests and are shared with
 * `residue verify`. The check itself runs after the scan (src/cli/post-scan.ts).
 */
import path from "node:path";
import type { Command } from "commander";
import { loadCatalog } from "../../detectors/index.js";
import { UsageError } from "../../errors.js";
import type { Spec, Verifier } from "../../verify/index.js";
import type { CliIO } from "../io.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Parses a positive integer option value. */
function positive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`${name}: expected a positive integer, got "${v}"`);
    return n;
  };
}

/** Adds --verify-base-url, --verify-timeout and --verify-concurrency. */
export function addVerifyRequestOptions(cmd: Command): Command {
  return cmd
    .option(
      "--verify-base-url <provider=url>",
      "send a provider's checks to another host, e.g. github=http://127.0.0.1:8080 (repeatable)",
      collect,
    )
    .option("--verify-timeout <ms>", "timeout of each check (default 10000)", positive("--verify-timeout"))
    .option(
      "--verify-concurrency <n>",
      "checks in flight at most (default 4)",
      positive("--verify-concurrency"),
    );
}

/** Parses the repeatable PROVIDER=URL values against the providers that have specs. */
export function parseBaseUrls(values: string[] | undefined, providers: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const m = /^([a-z0-9.-]+)=(.+)$/.exec(v);
    if (!m) throw new UsageError(`--verify-base-url: expected PROVIDER=URL, got "${v}"`);
    const [, provider, url] = m as unknown as [string, string, string];
    if (!providers.includes(provider))
      throw new UsageError(
        `--verify-base-url: unknown provider "${provider}"; known: ${providers.join(", ")}`,
      );
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(`--verify-base-url: "${url}" is not a URL (http:// or https://)`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      throw new UsageError(`--verify-base-url: "${url}" must be http:// or https://`);
    out[provider] = url;
  }
  return out;
}

// the verifier (and the AWS signer) load only when a check is asked for: scan start-up stays cheap
const verifyModule = () => import("../../verify/index.js");

/** The verifier the options describe. */
export async function verifierFrom(
  opts: Record<string, unknown>,
  io: CliIO,
  specs: Map<string, Spec>,
): Promise<Verifier> {
  const { Verifier, specProviders } = await verifyModule();
  return new Verifier({
    baseUrls: parseBaseUrls(opts.verifyBaseUrl as string[] | undefined, specProviders(specs.values())),
    timeoutMs: opts.verifyTimeout as number | undefined,
    concurrency: opts.verifyConcurrency as number | undefined,
    env: io.env,
  });
}

/** The rules' specs, from the built-in catalog plus --detectors folders. */
export async function loadSpecs(opts: Record<string, unknown>, io: CliIO): Promise<Map<string, Spec>> {
  const dirs = ((opts.detectors as string[] | undefined) ?? []).map((d) => path.resolve(io.cwd, d));
  const { specsOf } = await verifyModule();
  return specsOf(await loadCatalog(dirs));
}

/** One line on stderr: how many secrets are live, revoked, unknown. */
export function verifySummary(s: {
  live: number;
  revoked: number;
  unknown: number;
  requests: number;
}): string {
  return `verify: ${s.live} live, ${s.revoked} revoked, ${s.unknown} unknown (${s.requests} requests)`;
}

/** Adds this area's options to the scan command. */
export function addVerifyOptions(cmd: Command): Command {
  cmd.option(
    "--verify",
    "check whether each pattern-found secret still authenticates (sends it to its provider)",
  );
  return addVerifyRequestOptions(cmd);
}
