/** `residue verify` (issue #8). */
import { UsageError } from "../../errors.js";
import type { RegisterCommand } from "./types.js";

/** TODO(#8): not built yet; says so with exit status 2. */
export const registerVerify: RegisterCommand = (program) => {
  program
    .command("verify")
    .description("not implemented yet")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new UsageError("residue verify: not implemented yet");
    });
};
