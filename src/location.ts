/**
 * The JSON `location` of a finding: one variant per source, declared in the source's descriptor
 * and joined here into one discriminated union on `source`. The reporters (findingJson), the
 * sweep store and the published JSON Schema (schema/residue.location.schema.json) all use it, so a
 * key no variant declares never reaches a report.
 */
import { z } from "zod";
import { descriptors } from "./sources/registry.js";
import { IDENTITY_ORDER, VOLATILE_KEYS } from "./sources/shared/location.js";
import type { Provenance } from "./types.js";

const position = {
  line: z.number().int().min(1).describe("1-based line in the text as the source shows it"),
  column: z.number().int().min(1).describe("1-based column"),
};

/** The declared keys of each source's location (without `source` and `uri`: the finding carries them). */
const KEYS: ReadonlyMap<string, readonly string[]> = new Map(
  descriptors.map((d) => [
    d.prefix,
    Object.keys(d.location.shape).filter((k) => k !== "uri" && k !== "source"),
  ]),
);

/** The identity keys a source declares beyond IDENTITY_ORDER (added to a container key when set). */
const EXTRA: ReadonlyMap<string, readonly string[]> = new Map(
  descriptors.map((d) => [
    d.prefix,
    Object.keys(d.location.shape).filter(
      (k) => !VOLATILE_KEYS.has(k) && !(IDENTITY_ORDER as readonly string[]).includes(k),
    ),
  ]),
);

/**
 * The values that identify a provenance's container, in a fixed order: IDENTITY_ORDER's values
 * (null when unset), then `[key, value]` for each further identity key its source declares and set.
 */
export function identityValues(p: Provenance): unknown[] {
  const bag = p as Record<string, unknown>;
  const out: unknown[] = IDENTITY_ORDER.map((k) => bag[k] ?? null);
  for (const k of EXTRA.get(p.source) ?? []) if (bag[k] !== undefined) out.push([k, bag[k]]);
  return out;
}

/**
 * The schema of a finding's place: `{source, location}` (the two keys of a JSON finding), a union
 * discriminated by `source` whose variants are the sources' locations with line and column.
 */
export function locationSchema(): z.ZodType {
  const variants = descriptors.map((d) =>
    z.object({
      source: d.location.shape.source,
      location: d.location.omit({ uri: true, source: true }).extend(position),
    }),
  );
  return z.discriminatedUnion("source", variants as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

/** The JSON Schema of `{source, location}` (draft 2020-12): schema/residue.location.schema.json. */
export function locationJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(locationSchema(), { io: "output" }),
    title: "residue finding location: a finding's source and location keys",
  };
}

/** A provenance as its JSON `location`: the keys its source declares, then line and column. */
export function locationOf(p: Provenance, line: number, column: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const bag = p as Record<string, unknown>;
  for (const k of KEYS.get(p.source) ?? []) if (bag[k] !== undefined) out[k] = bag[k];
  out.line = line;
  out.column = column;
  return out;
}
