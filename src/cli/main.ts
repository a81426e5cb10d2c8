/**
 * The CLI: run(argv, io) parses with commander and returns the exit status. Commands are
 * registered from src/cli/commands/index.ts. A ResidueError prints one line, never a stack.
 */
import { Command, CommanderError } from "commander";
import { ResidueError } from "../errors.js";
import { VERSION } from "../version.js";
import { commands } from "./commands/index.js";
import { type CliIO, EXIT } from "./io.js";

/** Examples, exit statuses and environment variables, after the top-level help. */
const HELP_AFTER = `
Examples:
  residue scan .                                  every pattern rule over a folder
  residue scan git:. --json                       the whole git history, as JSON
  residue scan -m incident.manifest.json logs:ci/ slack-export:export.zip
  residue scan git-staged:. -q                    the pre-commit check: exit status only
  residue scan . -f sarif -o residue.sarif        for GitHub code scanning

Exit status:
  0  nothing found, everything read
  1  findings
  2  usage, config or manifest error (one line on stderr)
  3  nothing found, but some items could not be read (listed)

Environment:
  RESIDUE_MANIFEST_KEY   key of a keyed manifest
  SLACK_TOKEN, SLACK_API_URL                 slack: targets
  JIRA_EMAIL, JIRA_API_TOKEN, JIRA_PAT       jira: targets
  NO_COLOR, FORCE_COLOR  colour off / on (--color auto|always|never wins)
  RESIDUE_DEBUG          stack traces of internal errors
`;

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
  program.addHelpText("after", HELP_AFTER);
  try {
    if (!argv.length) {
      // no command: the help, on stderr, and the usage status (as git and gitleaks do)
      for (const n of Object.keys(commands)) (await commands[n]!())(program, io, () => {});
      io.stderr.write(program.helpInformation());
      io.stderr.write(HELP_AFTER);
      return EXIT.usage;
    }
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
