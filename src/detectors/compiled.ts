/**
 * The compiled catalog: `npm run build` validates detectors/*.yaml once and writes the rules as
 * JSON, with what the engine reads off each pattern (reach, anchors, prefixes), so a scan (the
 * pre-commit hook above all) reads one JSON file instead of parsing and checking 900 YAML files.
 * Two copies: the full rules, and lean ones without examples, counterexamples and samples (a scan
 * never reads them; they are most of the bytes). Both carry the catalog's content hash, and are
 * used only while the YAML files still hash the same; reading every YAML file to hash it costs
 * more than the rest of a hook's start-up, so the build also records each file's size and time,
 * and the hash is recomputed only when one of those differs. An installed package (under
 * node_modules) is not edited in place: there its compiled copy is trusted as shipped.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DetectorRule } from "./types.js";

/** The built-in catalog folder. */
export const CATALOG_DIR = fileURLToPath(new URL("../../detectors/", import.meta.url));

/** Where the build writes its files: dist/detectors/. */
const HERE = fileURLToPath(new URL(".", import.meta.url));
const FULL = "catalog.json";
const LEAN = "catalog-lean.json";
const STAMP = "catalog-stamp.json";

/** The YAML files' hash, names, sizes and modification times when the catalog was compiled. */
interface Stamp {
  hash: string;
  files: [name: string, size: number, mtimeMs: number][];
}

/** The YAML file names of the catalog folder, sorted. */
function yamlNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
}

/**
 * A hash of the catalog's file names and contents. Not modification times: npm pack and install
 * rewrite them, so an installed package would never match.
 */
function contentHash(dir: string, names: string[]): string {
  const hash = createHash("sha256");
  for (const name of names) {
    const text = readFileSync(path.join(dir, name));
    hash.update(`${name}\0${text.length}\0`).update(text);
  }
  return hash.digest("hex");
}

/** The stamp of the YAML files as they are now. */
function stampNow(dir: string): Stamp {
  const names = yamlNames(dir);
  const files = names.map((n): Stamp["files"][number] => {
    const s = statSync(path.join(dir, n));
    return [n, s.size, s.mtimeMs];
  });
  return { hash: contentHash(dir, names), files };
}

/** The current content hash: the recorded one while every file's name, size and time are unchanged. */
function currentHash(dir: string, recorded: Stamp): string {
  if (dir.split(path.sep).includes("node_modules")) return recorded.hash;
  const names = yamlNames(dir);
  const same =
    names.length === recorded.files.length &&
    names.every((n, i) => {
      const [name, size, mtimeMs] = recorded.files[i]!;
      if (n !== name) return false;
      const s = statSync(path.join(dir, n));
      return s.size === size && s.mtimeMs === mtimeMs;
    });
  return same ? recorded.hash : contentHash(dir, names);
}

/** Writes the compiled copies of already validated catalog rules (full, lean, stamp). */
export async function writeCompiled(rules: DetectorRule[], out = HERE, dir = CATALOG_DIR): Promise<void> {
  const stamp = stampNow(dir);
  const lean = rules.map(({ examples: _e, counterexamples: _c, samples: _s, ...r }) => ({
    ...r,
    examples: [],
    counterexamples: [],
  }));
  await writeFile(path.join(out, FULL), JSON.stringify({ stamp: stamp.hash, rules }));
  await writeFile(path.join(out, LEAN), JSON.stringify({ stamp: stamp.hash, rules: lean }));
  await writeFile(path.join(out, STAMP), JSON.stringify(stamp));
}

/**
 * The compiled rules when they match the YAML files, else undefined; `lean` leaves out examples,
 * counterexamples and samples (empty lists).
 */
export function readCompiled(lean: boolean, out = HERE, dir = CATALOG_DIR): DetectorRule[] | undefined {
  try {
    const stamp = JSON.parse(readFileSync(path.join(out, STAMP), "utf8")) as Stamp;
    const doc = JSON.parse(readFileSync(path.join(out, lean ? LEAN : FULL), "utf8")) as {
      stamp: string;
      rules: DetectorRule[];
    };
    return doc.stamp === stamp.hash && currentHash(dir, stamp) === stamp.hash ? doc.rules : undefined;
  } catch {
    return undefined;
  }
}
