/** `residue rules` (issue #4). */
import { UsageError } from "../../errors.js";
import type { RegisterCommand } from "./types.js";

/** TODO(#4): not built yet; says so with exit status 2. */
export const registerRules: RegisterCommand = (program) => {
  program
    .command("rules")
    .description("not implemented yet")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new UsageError("residue rules: not implemented yet");
    });
};
