/** Validates a SARIF log against the official SARIF 2.1.0 schema (fixtures/sarif, draft-04). */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// both are CommonJS with `module.exports = fn`: require gives the function itself
const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

const schema = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "../../fixtures/sarif/sarif-schema-2.1.0.json"), "utf8"),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv); // the schema's uri and date-time formats are checked too
const validate = ajv.compile(schema);

/** The schema's complaints about `doc`, one line each; empty when it is valid SARIF 2.1.0. */
export function sarifErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}
