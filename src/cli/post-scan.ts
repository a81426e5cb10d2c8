/**
 * The steps `residue scan` runs on all findings before reporting them, in this order: saving the
 * found secrets to a manifest (--save-manifest), writing a baseline (--write-baseline, behind
 * `residue baseline create`), verifying (--verify). Each is a library function; this file only
 * maps options to calls and prints their one-line outcomes.
 */
import path from "node:path";
import { saveFoundSecrets } from "../steps/save-manifest.js";
import { verifyScanFindings } from "../steps/verify.js";
import { writeBaseline } from "../suppress/baseline.js";
import type { Finding } from "../types.js";
import type { CliIO } from "./io.js";
import { loadSpecs, verifierFrom, verifySummary } from "./options/verify.js";

type Step = (findings: Finding[], opts: Record<string, unknown>, io: CliIO) => Promise<Finding[]>;

const saveManifest: Step = async (findings, opts, io) => {
  const name = String(opts.saveManifest);
  const keyFile = typeof opts.keyFile === "string" ? path.resolve(io.cwd, opts.keyFile) : undefined;
  const r = await saveFoundSecrets(path.resolve(io.cwd, name), findings, { env: io.env, keyFile });
  for (const w of [...r.refused, ...r.warnings]) io.stderr.write(`residue: --save-manifest: ${w}\n`);
  if (!opts.quiet)
    io.stderr.write(`residue: --save-manifest: ${r.added.length} new secret(s) added to ${name}\n`);
  if (r.keyFile)
    io.stderr.write(
      `residue: --save-manifest: new key for ${name}: ${r.keyFile} (keep it apart from the manifest)\n`,
    );
  return findings;
};

const baseline: Step = async (findings, opts, io) => {
  const n = await writeBaseline(path.resolve(io.cwd, String(opts.writeBaseline)), findings);
  io.stderr.write(`residue: baseline: ${n} finding(s) recorded in ${String(opts.writeBaseline)}\n`);
  return findings;
};

const verify: Step = async (findings, opts, io) => {
  const specs = await loadSpecs(opts, io);
  const verifier = await verifierFrom(opts, io, specs);
  const { summary } = await verifyScanFindings(findings, { specs, verifier });
  if (!opts.quiet) io.stderr.write(`residue: ${verifySummary(summary)}\n`);
  return findings;
};

/** The post-scan steps the options ask for, in order (empty: findings can be reported as they come). */
export function postScanSteps(opts: Record<string, unknown>): Step[] {
  const steps: Step[] = [];
  if (typeof opts.saveManifest === "string") steps.push(saveManifest);
  if (typeof opts.writeBaseline === "string") steps.push(baseline);
  if (opts.verify === true) steps.push(verify);
  return steps;
}
