/** `residue manifest` (issue #2). */
import { UsageError } from "../../errors.js";
import type { RegisterCommand } from "./types.js";

/** TODO(#2): not built yet; says so with exit status 2. */
export const registerManifest: RegisterCommand = (program) => {
  program
    .command("manifest")
    .description("not implemented yet")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new UsageError("residue manifest: not implemented yet");
    });
};
