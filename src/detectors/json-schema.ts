/** The JSON Schema of a detector file (a YAML list of rules), as published in schema/residue.detector.schema.json. */
import { z } from "zod";
import { ruleSchema } from "./schema.js";

/** A detector file's JSON Schema, generated from the zod schema the loader validates with. */
export function detectorJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(z.array(ruleSchema).min(1), { io: "input" }),
    title: "residue detector file (detectors/<provider>.yaml)",
  };
}
