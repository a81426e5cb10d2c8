/** `residue watch` (issue #5). */
import { UsageError } from "../../errors.js";
import type { RegisterCommand } from "./types.js";

/** TODO(#5): not built yet; says so with exit status 2. */
export const registerWatch: RegisterCommand = (program) => {
  program
    .command("watch")
    .description("not implemented yet")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new UsageError("residue watch: not implemented yet");
    });
};
