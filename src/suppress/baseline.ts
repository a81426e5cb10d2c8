/**
 * Baselines: the findings a team has accepted, as (rule, path, slow fingerprint of the secret) —
 * no line numbers, so an edit above a known secret does not churn it. A baseline is committed and
 * read on every machine, so no machine's key can protect it: the secret is fingerprinted with
 * scrypt under a random salt kept in the file, so testing one guess costs an attacker tens of
 * milliseconds, and a check pays it only for findings whose rule and path the baseline names.
 */
import { randomBytes, scryptSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { FindingFilter } from "../scan.js";
import type { Finding } from "../types.js";
import { relativeTo } from "./ignore-file.js";

/** One accepted finding: its rule (`known:ID` for a manifest secret), place and secret fingerprint. */
export interface BaselineEntry {
  rule: string;
  path: string;
  /** scrypt of the secret under the file's salt (pattern findings only: a manifest id is no secret). */
  scrypt?: string;
}

/** The baseline file's shape. */
export interface BaselineFile {
  version: 2;
  createdAt: string;
  /** Random per file; the secret fingerprints are scrypt(value, salt) with `kdf`'s cost. */
  salt: string;
  kdf: { name: "scrypt"; N: number; r: number; p: number };
  entries: BaselineEntry[];
}

/** The default baseline file name. */
export const DEFAULT_BASELINE = ".residue-baseline.json";

const KDF = { name: "scrypt", N: 1 << 14, r: 8, p: 1 } as const;

/** Where a finding lives, without its line: path (relative to base when inside it), else channel, issue or source. */
function placeOf(f: Finding, base?: string): string {
  const p = f.provenance;
  if (typeof p.path === "string") return (relativeTo(p.path, base) ?? p.path).split(path.sep).join("/");
  return String(p.channel ?? p.issue ?? p.source);
}

function ruleOf(f: Finding): string {
  return f.kind === "known" ? `known:${f.secretId}` : (f.ruleId ?? "pattern");
}

/** A slow salted fingerprint of secrets, memoised per value for one file. */
function slowHash(doc: Pick<BaselineFile, "salt" | "kdf">): (value: string) => string {
  const memo = new Map<string, string>();
  const salt = Buffer.from(doc.salt, "base64");
  const { N, r, p } = doc.kdf;
  return (value) => {
    let h = memo.get(value);
    if (h === undefined) {
      h = scryptSync(value, salt, 16, { N, r, p, maxmem: 256 * N * r + (1 << 20) }).toString("base64");
      memo.set(value, h);
    }
    return h;
  };
}

/** Writes a baseline holding the findings; returns how many distinct entries. */
export async function writeBaseline(file: string, findings: Finding[]): Promise<number> {
  const base = path.dirname(path.resolve(file));
  const doc: BaselineFile = {
    version: 2,
    createdAt: new Date().toISOString(),
    salt: randomBytes(16).toString("base64"),
    kdf: { ...KDF },
    entries: [],
  };
  const hash = slowHash(doc);
  const seen = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const e: BaselineEntry = { rule: ruleOf(f), path: placeOf(f, base) };
    if (f.kind !== "known") e.scrypt = hash(f.secret.reveal());
    seen.set(JSON.stringify([e.rule, e.path, e.scrypt]), e);
  }
  doc.entries = [...seen.values()].sort((a, b) => (a.path + a.rule).localeCompare(b.path + b.rule));
  await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
  return doc.entries.length;
}

/** Reads a baseline; throws UsageError naming the file when it is missing, malformed or old. */
export async function readBaseline(file: string): Promise<BaselineFile> {
  let doc: Omit<Partial<BaselineFile>, "version"> & { version?: unknown; fingerprints?: unknown };
  try {
    doc = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new UsageError(`--baseline ${file}: cannot read it (${(err as Error).message.split("\n")[0]})`);
  }
  if (doc?.version === 1 && Array.isArray(doc.fingerprints))
    throw new UsageError(
      `--baseline ${file}: old baseline (version 1) refused: its fingerprints are fast and keyed with a public default, so anyone with the file can test guesses of the secrets; re-create it with \`residue baseline create\``,
    );
  const kdf = doc?.kdf;
  if (
    doc?.version !== 2 ||
    !Array.isArray(doc.entries) ||
    typeof doc.salt !== "string" ||
    kdf?.name !== "scrypt" ||
    ![kdf.N, kdf.r, kdf.p].every((n) => Number.isInteger(n) && n > 0 && n <= 1 << 20)
  )
    throw new UsageError(`--baseline ${file}: not a residue baseline (expected version 2 with entries)`);
  return doc as unknown as BaselineFile;
}

/** Drops findings the baseline already holds. */
export async function baselineFilter(file: string): Promise<FindingFilter> {
  const doc = await readBaseline(file);
  const base = path.dirname(path.resolve(file));
  const byPlace = new Map<string, Set<string | undefined>>();
  for (const e of doc.entries) {
    if (typeof e?.rule !== "string" || typeof e.path !== "string") continue;
    const k = `${e.rule}\u0000${e.path}`;
    byPlace.set(k, (byPlace.get(k) ?? new Set()).add(typeof e.scrypt === "string" ? e.scrypt : undefined));
  }
  const hash = slowHash(doc);
  return (f) => {
    const accepted = byPlace.get(`${ruleOf(f)}\u0000${placeOf(f, base)}`);
    if (!accepted) return true;
    return f.kind === "known" ? !accepted.has(undefined) : !accepted.has(hash(f.secret.reveal()));
  };
}
