/** `residue report` (issue #7). */
import { UsageError } from "../../errors.js";
import type { RegisterCommand } from "./types.js";

/** TODO(#7): not built yet; says so with exit status 2. */
export const registerReport: RegisterCommand = (program) => {
  program
    .command("report")
    .description("not implemented yet")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new UsageError("residue report: not implemented yet");
    });
};
