/**
 * Baselines: the findings a team has accepted, as keyed fingerprints of (secret, rule, path) —
 * no line numbers, so an edit above a known secret does not churn it, and no secret values.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";
import { keyedHash } from "../fingerprint.js";
import type { FindingFilter } from "../scan.js";
import type { Finding } from "../types.js";
import { relativeTo } from "./ignore-file.js";

/** The baseline file's shape. */
export interface BaselineFile {
  version: 1;
  createdAt: string;
  fingerprints: string[];
}

/** The default baseline file name. */
export const DEFAULT_BASELINE = ".residue-baseline.json";

/** Where a finding lives, without its line: path (relative to base when inside it), else channel, issue or source. */
function placeOf(f: Finding, base?: string): string {
  const p = f.provenance;
  if (typeof p.path === "string") return (relativeTo(p.path, base) ?? p.path).split(path.sep).join("/");
  return String(p.channel ?? p.issue ?? p.source);
}

/** The location-independent fingerprint of a finding; `base` is the baseline file's folder. */
export function baselineFingerprint(key: string, f: Finding, base?: string): string {
  return keyedHash(key, "baseline/v1", f.secretKey, f.ruleId ?? f.secretId ?? "", placeOf(f, base));
}

/** Writes a baseline holding the findings' fingerprints; returns how many distinct entries. */
export async function writeBaseline(file: string, key: string, findings: Finding[]): Promise<number> {
  const base = path.dirname(path.resolve(file));
  const fingerprints = [...new Set(findings.map((f) => baselineFingerprint(key, f, base)))].sort();
  const body: BaselineFile = { version: 1, createdAt: new Date().toISOString(), fingerprints };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
  return fingerprints.length;
}

/** Reads a baseline; throws UsageError naming the file when it is missing or malformed. */
export async function readBaseline(file: string): Promise<Set<string>> {
  let doc: Partial<BaselineFile>;
  try {
    doc = JSON.parse(await readFile(file, "utf8")) as Partial<BaselineFile>;
  } catch (err) {
    throw new UsageError(`--baseline ${file}: cannot read it (${(err as Error).message.split("\n")[0]})`);
  }
  if (doc?.version !== 1 || !Array.isArray(doc.fingerprints))
    throw new UsageError(`--baseline ${file}: not a residue baseline (expected version 1 with fingerprints)`);
  return new Set(doc.fingerprints.filter((x): x is string => typeof x === "string"));
}

/** Drops findings the baseline already holds. */
export async function baselineFilter(file: string, key: string): Promise<FindingFilter> {
  const known = await readBaseline(file);
  const base = path.dirname(path.resolve(file));
  return (f) => !known.has(baselineFingerprint(key, f, base));
}
