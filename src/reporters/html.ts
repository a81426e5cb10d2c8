/** `-f html`: the self-contained exposure report (issue #7). */
import { UsageError } from "../errors.js";
import type { Reporter, ReporterOptions } from "../types.js";

/** TODO(#7): not built yet. */
export function htmlReporter(_o: ReporterOptions): Reporter {
  throw new UsageError("-f html is not implemented yet");
}
