/**
 * The CLI's report formats, each reporter loaded when it is used: a text report (the pre-commit
 * hook's) never loads the HTML page's or SARIF's code. The same formats as the library's
 * `reporters` registry (src/reporters/index.ts).
 */
import type { ReporterFactory } from "../types.js";

/** Format name → loader of its reporter. */
export const reportFormats: Readonly<Record<string, () => Promise<ReporterFactory>>> = {
  html: () => import("../reporters/html.js").then((m) => m.htmlReporter),
  json: () => import("../reporters/json.js").then((m) => m.jsonReporter),
  jsonl: () => import("../reporters/jsonl.js").then((m) => m.jsonlReporter),
  sarif: () => import("../reporters/sarif.js").then((m) => m.sarifReporter),
  text: () => import("../reporters/text.js").then((m) => m.textReporter),
};
