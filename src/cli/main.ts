/**
 * The CLI: run(argv, io) parses with commander and returns the exit status. Commands are
 * registered from src/cli/commands/index.ts. A ResidueError prints one line, never a stack.
 */
import { Command, CommanderError } from "commander";
import { ResidueError } from "../errors.js";
import { VERSION } from "../version.js";
import { commands } from "./commands/index.js";
import { type CliIO, EXIT } from "./io.js";

/** Runs the CLI; resolves to the exit status. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let status: number = EXIT.clean;
  const program = new Command("residue")
    .description("Find every surviving copy of a compromised secret.")
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s),
    });
  try {
    const name = argv.find((a) => !a.startsWith("-"));
    const versionOnly = !name && argv.some((a) => a === "-V" || a === "--version");
    const wanted = name && Object.hasOwn(commands, name) ? [name] : versionOnly ? [] : Object.keys(commands);
    for (const n of wanted) {
      const register = await commands[n]!();
      register(program, io, (code) => {
        status = code;
      });
    }
    await program.parseAsync(argv, { from: "user" });
    return status;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return EXIT.clean;
      if (err.code === "commander.help") return EXIT.clean;
      return EXIT.usage;
    }
    if (err instanceof ResidueError) {
      io.stderr.write(`residue: ${err.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`residue: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (io.env.RESIDUE_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
    return EXIT.usage;
  }
}
