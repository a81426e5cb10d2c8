/** `residue hook` (issue #3). */
import { UsageError } from "../../errors.js";
import type { RegisterCommand } from "./types.js";

/** TODO(#3): not built yet; says so with exit status 2. */
export const registerHook: RegisterCommand = (program) => {
  program
    .command("hook")
    .description("not implemented yet")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new UsageError("residue hook: not implemented yet");
    });
};
