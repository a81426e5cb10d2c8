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

/** The declared keys of each source's location (without `uri`, which findings carry apart). */
const KEYS: ReadonlyMap<string, readonly string[]> = new Map(
  descriptors.map((d) => [d.prefix, Object.keys(d.location.shape).filter((k) => k !== "uri")]),
);

/** The keys whose values identify a container of this source, in id order. */
const IDENTITY: ReadonlyMap<string, readonly string[]> = new Map(
  descriptors.map((d) => {
    const own = Object.keys(d.location.shape).filter(
      (k) => !VOLATILE_KEYS.has(k) && !(IDENTITY_ORDER as readonly string[]).includes(k),
    );
    return [d.prefix, [...IDENTITY_ORDER, ...own]];
  }),
);

/** The identity keys of a source's locations (finding ids hash their values), in a fixed order. */
export function identityKeys(source: string): readonly string[] {
  return IDENTITY.get(source) ?? IDENTITY_ORDER;
}

/** The location schema: a discriminated union of the sources' variants, each with line and column. */
export function locationSchema(): z.ZodType {
  const variants = descriptors.map((d) => d.location.omit({ uri: true }).extend(position));
  return z.discriminatedUnion("source", variants as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

/** The JSON Schema of `location` (draft 2020-12), as published in schema/residue.location.schema.json. */
export function locationJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(locationSchema(), { io: "output" }),
    title: "residue finding location",
  };
}

/**
 * A provenance as its JSON `location`: `source` (so the location validates on its own against the
 * published schema), the keys its source declares, then line and column.
 */
export function locationOf(p: Provenance, line: number, column: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const bag = p as Record<string, unknown>;
  for (const k of KEYS.get(p.source) ?? []) if (bag[k] !== undefined) out[k] = bag[k];
  out.line = line;
  out.column = column;
  return out;
}
