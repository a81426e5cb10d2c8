/**
 * The JSON `location` is one zod schema (src/location.ts, a union of the sources' variants): the
 * reporters emit only the keys it declares, every finding of every source validates against it,
 * and the published JSON Schema is generated from it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { containerKey } from "../src/findings.js";
import { locationJsonSchema, locationOf, locationSchema } from "../src/location.js";
import { descriptors } from "../src/sources/registry.js";
import { VOLATILE_KEYS } from "../src/sources/shared/location.js";
import type { Provenance } from "../src/types.js";

const file = path.join(import.meta.dirname, "..", "schema", "residue.location.schema.json");

describe("the location schema", () => {
  it("is published as a JSON Schema generated from the zod schema (UPDATE_SCHEMA=1 rewrites it)", () => {
    const want = `${JSON.stringify(locationJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA) writeFileSync(file, want);
    expect(readFileSync(file, "utf8")).toBe(want);
    expect((pkg.exports as Record<string, unknown>)["./schema/location.json"]).toBe(
      "./schema/residue.location.schema.json",
    );
  });

  it("has one variant per source, discriminated by source", () => {
    const schema = locationJsonSchema() as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((schema.oneOf ?? schema.anyOf)?.length).toBe(descriptors.length);
  });

  it("keeps only declared keys in a finding's location and validates it", () => {
    const p = { source: "git", path: "a.env", commit: "c1", blob: "b1", bogus: 1, uri: "u" } as Provenance;
    const loc = locationOf(p, 3, 7);
    expect(loc).toEqual({ path: "a.env", commit: "c1", blob: "b1", line: 3, column: 7 });
    expect(locationSchema().safeParse({ source: "git", location: loc }).success).toBe(true);
    const noChannel = { source: "slack", location: { line: 1, column: 1 } };
    expect(locationSchema().safeParse(noChannel).success).toBe(false);
  });

  it("gives every declared key a role: it identifies the container, or it may change between runs", () => {
    for (const d of descriptors) {
      for (const k of Object.keys(d.location.shape)) {
        if (VOLATILE_KEYS.has(k) || k === "source") continue;
        const p = { source: d.prefix, [k]: k === "entry" ? 7 : "v" } as unknown as Provenance;
        const bare = { source: d.prefix } as Provenance;
        expect(containerKey(p), `${d.prefix}.${k}`).not.toBe(containerKey(bare));
      }
    }
  });

  it("keeps finding ids of earlier versions: the container key of a file, a message, a blob", () => {
    expect(containerKey({ source: "fs", path: "a/.env" })).toBe(
      '["fs","a/.env",null,null,null,null,null,null,null,null,null,null,null]',
    );
    expect(containerKey({ source: "slack", channel: "C1", ts: "1.2", field: "text", user: "U" })).toBe(
      '["slack",null,null,null,"C1","1.2",null,"text",null,null,null,null,null]',
    );
    expect(containerKey({ source: "git", path: "x", commit: "c", blob: "b" })).toBe("blob:b");
    // a key added after IDENTITY_ORDER only enters the key when set
    expect(containerKey({ source: "git", field: "tag", tag: "v1", commit: "c" })).toBe(
      '["git",null,null,"c",null,null,null,"tag",null,null,null,null,null,["tag","v1"]]',
    );
  });
});
