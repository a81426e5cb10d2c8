/** `-f jsonl`: one finding per line, streamed; errors go to the text summary on stderr. */
import type { Reporter, ReporterOptions } from "../types.js";
import { findingJson } from "./serialize.js";

/** Streams one JSON finding per line. */
export function jsonlReporter(o: ReporterOptions): Reporter {
  return {
    begin() {},
    finding(f) {
      o.write(`${JSON.stringify(findingJson(f, o.redact))}\n`);
    },
    end() {},
  };
}
