/** The reporter registry, sorted. Reporters are sinks and never see a secret unless --no-redact. */
import type { ReporterFactory } from "../types.js";
import { htmlReporter } from "./html.js";
import { jsonReporter } from "./json.js";
import { jsonlReporter } from "./jsonl.js";
import { sarifReporter } from "./sarif.js";
import { textReporter } from "./text.js";

/** Format name → reporter factory. */
export const reporters: Readonly<Record<string, ReporterFactory>> = {
  html: htmlReporter,
  json: jsonReporter,
  jsonl: jsonlReporter,
  sarif: sarifReporter,
  text: textReporter,
};
