/** Helpers of the known-secret tests: generated secrets and a manifest in a temp folder. */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { addToManifest, loadManifest, type Manifest } from "../src/manifest/index.js";
import { createMatchEngine } from "../src/match/index.js";
import type { RawMatch } from "../src/types.js";

/** A random token with an obviously fake prefix (base64url body). */
export function fakeToken(bytes = 30, prefix = "fake_"): string {
  return prefix + randomBytes(bytes).toString("base64url");
}

/** A temp folder. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "residue-known-"));
}

/** Writes a manifest of the given secrets (ids s0, s1...) and loads it. */
export async function manifestOf(
  secrets: string[],
  env: Record<string, string | undefined> = {},
): Promise<Manifest> {
  const file = path.join(tempDir(), "m.json");
  await addToManifest(
    file,
    secrets.map((value, i) => ({ id: `s${i}`, value })),
    { env },
  );
  return loadManifest(file);
}

/** Matches of the full engine over text. */
export async function findIn(secrets: string[], text: string): Promise<RawMatch[]> {
  const engine = createMatchEngine({ manifests: [await manifestOf(secrets)] });
  return engine.find(text);
}
