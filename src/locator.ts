/** The locator a person opens for a copy (kept apart from findings.ts: sources import it). */
import type { Position, Provenance } from "./types.js";

/** The default locator: permalink when the source gave one, else path:line:column or commit:path:line. */
export function locatorUri(p: Provenance, pos: Position): string {
  if (typeof p.uri === "string") return p.uri;
  const where = p.path ?? p.source;
  if (p.commit) return `${p.commit}:${where}:${pos.line}`;
  return `${where}:${pos.line}:${pos.column}`;
}
