/** `residue redact` (issue #5). */
import { UsageError } from "../../errors.js";
import type { RegisterCommand } from "./types.js";

/** TODO(#5): not built yet; says so with exit status 2. */
export const registerRedact: RegisterCommand = (program) => {
  program
    .command("redact")
    .description("not implemented yet")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new UsageError("residue redact: not implemented yet");
    });
};
