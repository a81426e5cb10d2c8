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

/** The program with its output sent to `io` and commander's exits turned into errors. */
function program(io: CliIO): Command {
  const p = new Command("residue")
    .description("Find every surviving copy of a compromised secret.")
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s),
    });
  p.addHelpText("after", HELP_AFTER);
  return p;
}

/** The commands to load: the one named, none for --version alone, else all (help, a typo). */
function wantedCommands(argv: string[]): string[] {
  const name = argv.find((a) => !a.startsWith("-"));
  const versionOnly = !name && argv.some((a) => a === "-V" || a === "--version");
  return name && Object.hasOwn(commands, name) ? [name] : versionOnly ? [] : Object.keys(commands);
}

/** The exit status of an error that ended the run: one line, a stack trace only with RESIDUE_DEBUG. */
function failed(err: unknown, io: CliIO): number {
  if (err instanceof CommanderError) {
    const help = ["commander.helpDisplayed", "commander.version", "commander.help"];
    return help.includes(err.code) ? EXIT.clean : EXIT.usage;
  }
  if (err instanceof ResidueError) {
    io.stderr.write(`residue: ${err.message}\n`);
    return EXIT.usage;
  }
  io.stderr.write(`residue: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  if (io.env.RESIDUE_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
  return EXIT.usage;
}

/** Runs the CLI; resolves to the exit status. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let status: number = EXIT.clean;
  const cli = program(io);
  try {
    if (!argv.length) {
      // no command: the help, on stderr, and the usage status (as git and gitleaks do)
      for (const n of Object.keys(commands)) (await commands[n]!())(cli, io, () => {});
      io.stderr.write(cli.helpInformation());
      io.stderr.write(HELP_AFTER);
      return EXIT.usage;
    }
    for (const n of wantedCommands(argv)) {
      const register = await commands[n]!();
      register(cli, io, (code) => {
        status = code;
      });
    }
    await cli.parseAsync(argv, { from: "user" });
    return status;
  } catch (err) {
    return failed(err, io);
  }
}
