import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { parseSweepConfig, sweepJsonSchema } from "../src/sweep/config.js";

const file = path.join(import.meta.dirname, "..", "schema", "residue.sweep.schema.json");

it("publishes the JSON Schema generated from the zod schema (UPDATE_SCHEMA=1 rewrites it)", () => {
  const want = `${JSON.stringify(sweepJsonSchema(), null, 2)}\n`;
  if (process.env.UPDATE_SCHEMA) writeFileSync(file, want);
  expect(readFileSync(file, "utf8")).toBe(want);
  const exportsMap = pkg.exports as Record<string, unknown>;
  expect(exportsMap["./schema/sweep.json"]).toBe("./schema/residue.sweep.schema.json");
});

it("describes the config shape the validator accepts", () => {
  const schema = sweepJsonSchema() as { properties: Record<string, unknown>; required: string[] };
  expect(Object.keys(schema.properties).sort()).toEqual([
    "$schema",
    "db",
    "failOn",
    "manifests",
    "rules",
    "store",
    "targets",
  ]);
  expect(schema.required).toEqual(["targets"]);
  expect(() =>
    parseSweepConfig({ $schema: "x", targets: [{ target: "logs:ci", options: {} }] }, "c.json"),
  ).not.toThrow();
});
