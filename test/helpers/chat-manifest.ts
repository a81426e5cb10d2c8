/** A temporary manifest holding the planted secrets of a chat or ticket fixture, ids = places. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { addToManifest } from "../../src/manifest/index.js";

/** Writes a fresh manifest with each secret under its place name; returns its path. */
export async function manifestOf(secrets: Record<string, string>): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "residue-chat-manifest-")), "m.json");
  await addToManifest(
    file,
    Object.entries(secrets).map(([id, value]) => ({ id, value })),
    { env: {} },
  );
  return file;
}
