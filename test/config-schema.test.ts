/** The published JSON Schemas of the configuration file and of a detector file match their zod schemas. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import pkg from "../package.json" with { type: "json" };
import { configJsonSchema } from "../src/config/schema.js";
import { detectorJsonSchema } from "../src/detectors/json-schema.js";

const root = path.join(import.meta.dirname, "..");
const published: [string, () => Record<string, unknown>, string][] = [
  ["residue.config.schema.json", configJsonSchema, "./schema/config.json"],
  ["residue.detector.schema.json", detectorJsonSchema, "./schema/detector.json"],
];

describe("published JSON Schemas", () => {
  it.each(published)(
    "%s is generated from the zod schema (UPDATE_SCHEMA=1 rewrites it)",
    (name, make, entry) => {
      const file = path.join(root, "schema", name);
      const want = `${JSON.stringify(make(), null, 2)}\n`;
      if (process.env.UPDATE_SCHEMA) writeFileSync(file, want);
      expect(readFileSync(file, "utf8")).toBe(want);
      expect((pkg.exports as Record<string, unknown>)[entry]).toBe(`./schema/${name}`);
    },
  );

  it("accepts every detector file of the catalog and refuses a rule with an unknown field", () => {
    const ajv = new Ajv2020({ strict: false });
    const check = ajv.compile(detectorJsonSchema());
    const files = readdirSync(path.join(root, "detectors")).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const rules = parse(readFileSync(path.join(root, "detectors", f), "utf8"));
      expect(check(rules), `${f}: ${JSON.stringify(check.errors)}`).toBe(true);
    }
    expect(
      check([
        {
          id: "a.b",
          provider: "a",
          description: "d",
          pattern: "x",
          examples: ["x"],
          counterexamples: ["y"],
          keywords: ["ab"],
          colour: 1,
        },
      ]),
    ).toBe(false);
  });

  it("accepts a full configuration and refuses an unknown key", () => {
    const check = new Ajv2020({ strict: false }).compile(configJsonSchema());
    const good = {
      targets: ["src", "git:."],
      rules: ["aws", "github"],
      minConfidence: "high",
      exclude: ["vendor/**"],
      allow: { paths: ["fixtures/**"], regexes: ["^AKIA0{16}$"], values: ["not-a-secret-123"] },
      format: "sarif",
      output: "out/residue.sarif",
    };
    expect(check(good)).toBe(true);
    expect(check({ ...good, colour: "always" })).toBe(false);
  });
});
